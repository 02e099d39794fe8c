"""The corpus of bad and odd exports (tests/bad/files, rebuilt by tests/bad/make_corpus.py).

Each file is one case; the tables below say what it must produce for a user: the
cells read, the amounts scored, the issue (code, row, value), or the one-line error
and exit code. Expected numbers are worked out by hand from the file's contents.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorecard.config_load import load_config, parse_config
from scorecard.errors import ConfigError, ScorecardError, SourceError
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.report import Report
from scorecard.sources import ROW, FileSpec, Table, read_table

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "bad"
FILES = CORPUS / "files"
EXPECT = ("Owner", "Close Date")  # what a source mapping Owner/Close Date looks for
ZH_EXPECT = ("销售", "成交日期")

IssueKey = tuple[str, int | None, str | None]  # (code, row, value)


def path_of(file: str) -> Path:
    path = FILES / file
    assert path.exists(), f"{file} is missing: run python tests/bad/make_corpus.py"
    return path


def read(file: str, expect: tuple[str, ...] = EXPECT, **spec: Any) -> Table:
    return read_table(FileSpec("deals", path_of(file), expect=expect, **spec))


def issue_keys(issues: Any) -> list[IssueKey]:
    return sorted(((i.code, i.row, i.value) for i in issues), key=str)


def config_data(
    file: str,
    source: dict[str, Any] | None = None,
    people: tuple[str, ...] = ("Ann", "Ben"),
    measure: str = "sum",
    column: str = "Amount",
    roster: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A one-source config: `amount` measures `column`, `rows` counts the rows."""
    mapping = {"path": str(path_of(file)), "person": "Owner", "date": "Close Date"}
    return {
        "sources": {"deals": mapping | (source or {})},
        "roster": {"people": roster or [{"person": p, "team": "T"} for p in people]},
        "kpis": {
            "amount": {"source": "deals", "measure": {measure: column}},
            "rows": {"source": "deals", "measure": {"count": "rows"}},
        },
        "targets": {"defaults": {"amount": 1, "rows": 1}},
        "scorecards": {"s": {"amount": 1, "rows": 1}},
    }


def run_score(data: dict[str, Any], tmp_path: Path) -> Report:
    config = parse_config(data, tmp_path / "scorecard.yaml")
    return score(config, read_sources(config), parse_period("2026-10"))


def actuals(report: Report, kpi: str) -> dict[str, float | None]:
    return {p.person: next(k.actual for k in p.kpis if k.id == kpi) for p in report.people}


# ------------------------------------------------------------------ reading


@dataclass
class Read:
    """What read_table gives for a file: headers, (row, *columns) per row, issues."""

    file: str
    headers: tuple[str, ...] | None = None
    cells: list[tuple[Any, ...]] | None = None
    columns: tuple[str, ...] = ("Owner", "Amount")
    issues: list[IssueKey] = field(default_factory=list)
    encoding: str | None = None
    spec: dict[str, Any] = field(default_factory=dict)
    expect: tuple[str, ...] = EXPECT


HEADERS = ("Owner", "Stage", "Amount", "Close Date")
CLEAN = [(2, "Ann", "100"), (3, "Ben", "200"), (4, "Ann", "50")]

READS = [
    Read("enc-utf8.csv", HEADERS, CLEAN, encoding="utf-8"),
    Read("enc-utf8-bom.csv", HEADERS, CLEAN, encoding="utf-8-sig"),  # no BOM in 'Owner'
    Read(
        "enc-gb18030-chinese.csv",
        ("销售", "阶段", "金额", "成交日期"),
        [
            (2, "张伟", "￥1,234.00", "2026年10月5日"),
            (3, "李娜", "￥2,000.50", "2026年10月6日"),
            (4, "刘䶮", "￥88", "2026年10月31日"),
            (5, "张伟", "￥1", "2026年11月1日"),
        ],
        columns=("销售", "金额", "成交日期"),
        encoding="gb18030",
        expect=ZH_EXPECT,
    ),
    Read("enc-gbk.csv", HEADERS, [(2, "张伟", "100"), (3, "李娜", "200")], encoding="gb18030"),
    Read(
        "enc-utf16le-unicode-text.txt",
        HEADERS,
        [*CLEAN, (5, "张伟", "300")],
        columns=("Owner", "Amount"),
        encoding="utf-16",
    ),
    Read("enc-utf16be-bom.csv", HEADERS, CLEAN, encoding="utf-16"),
    Read(
        "enc-cp1252-declared.csv",
        HEADERS,
        [(2, "Müller", "100"), (3, "José", "5")],
        encoding="cp1252",
        spec={"encoding": "cp1252"},
    ),
    Read("delim-semicolon.csv", HEADERS, CLEAN),
    Read("delim-tab.csv", HEADERS, CLEAN),
    Read("delim-pipe.csv", HEADERS, CLEAN),
    Read(
        "delim-comma-with-semicolons.csv",
        ("Owner", "Account", "Amount", "Close Date"),
        [(2, "Ann", "Acme; Ltd; East"), (3, "Ben", "Beta"), (4, "Ann", "Gamma; Co")],
        columns=("Owner", "Account"),
    ),
    Read(
        "crlf.csv",
        HEADERS,
        [(2, "Ann", "2026-10-05"), (3, "Ben", "2026-10-06"), (4, "Ann", "2026-10-07")],
        columns=("Owner", "Close Date"),
    ),
    Read("cr-only.csv", HEADERS, CLEAN),
    Read(
        "cr-only-quoted-newline.csv",
        (*HEADERS, "Notes", "Source"),
        [(2, "Ann", "called twice\nsent the quote"), (3, "Ben", "one line"), (4, "Ann", None)],
        columns=("Owner", "Notes"),
    ),
    Read(
        "lf-quoted-carriage-returns.csv",
        (*HEADERS, "Notes"),
        [(2, "Ann", "one\rtwo\rthree\rfour")],
        columns=("Owner", "Notes"),
    ),
    Read(
        "quoted-newlines.csv",
        (*HEADERS, "Notes"),
        [
            (2, "Ann", 'called twice\nsent the quote, "final"'),
            (3, "Ben", "line one\r\nline two\r\nline three"),
            (4, "Ann", None),
        ],
        columns=("Owner", "Notes"),
    ),
    Read(
        "nul-bytes.csv",
        HEADERS,
        [(2, "Ann", "100"), (3, "Ben", "200")],
        issues=[("nul-bytes", None, None)],
    ),
    Read("ragged-extra.csv", HEADERS, CLEAN, issues=[("ragged-row", 3, "oops, more")]),
    Read(
        "ragged-short.csv",
        (*HEADERS, "Notes"),
        [(2, "Ann", "called"), (3, "Ben", None), (4, "Ann", None)],
        columns=("Owner", "Notes"),
    ),
    Read(
        "preamble.csv",
        HEADERS,
        [(4, "Ann", "100"), (5, "Ben", "200"), (6, "Ann", "50")],
        issues=[("header-row", 3, None)],
    ),
    Read(
        "header-row-3.csv",
        HEADERS,
        [(4, "Ann", "100"), (5, "Ben", "200"), (6, "Ann", "50")],
        spec={"header_row": 3},
    ),
    # The rows keep the numbers of the lines they are on: the blank lines count.
    Read("blank-lines.csv", HEADERS, [(2, "Ann", "100"), (5, "Ben", "200")]),
    Read(
        "trailing-empty-columns.csv",
        (*HEADERS, "(column 5)", "(column 6)", "(column 7)"),
        CLEAN,
    ),
    Read(
        "totals-heji.csv",
        ("销售", "阶段", "金额", "成交日期"),
        [(2, "张伟", "100"), (3, "李娜", "200")],
        columns=("销售", "金额"),
        issues=[("totals-row", 4, "合计")],
        expect=ZH_EXPECT,
    ),
    Read("totals-grand-total.csv", HEADERS, CLEAN, issues=[("totals-row", 5, "Grand Total")]),
    Read(
        "messy-headers.csv",
        ("OWNER", "stage", "ＡＭＯＵＮＴ", "Close date"),
        [(2, "Ann", "100")],
        columns=("Owner", "amount"),
    ),
    Read(
        "duplicate-header-unused.csv",
        ("Owner", "Note", "Amount", "Note (2)", "Close Date"),
        [(2, "Ann", "5")],
    ),
    Read("header-only.csv", HEADERS, []),
    Read("really-csv.xlsx", HEADERS, CLEAN, issues=[("format-mismatch", None, None)]),
    Read(
        "really-xlsx.csv",
        HEADERS,
        [*CLEAN, (5, "Ben", "8"), (6, "Ben", "16")],
        issues=[("format-mismatch", None, None)],
    ),
    Read("really-tsv.xls", HEADERS, CLEAN, issues=[("format-mismatch", None, None)]),
    Read("macro.xlsm", HEADERS, [*CLEAN, (5, "Ben", "8"), (6, "Ben", "16")]),
    Read("libreoffice.ods", HEADERS, CLEAN),
    # Data from B3: the header is sheet row 3, so the first data row is 4.
    Read(
        "xlsx-offset-b3.xlsx", HEADERS, [(4, "Ann", "100"), (5, "Ben", "12abc"), (6, "Ben", "200")]
    ),
    Read(
        "xlsx-title-row.xlsx",
        HEADERS,
        [(3, "Ann", "100"), (4, "Ben", "200"), (5, "Ann", "50")],
        issues=[("header-row", 2, None)],
    ),
    Read("xlsx-totals.xlsx", HEADERS, CLEAN, issues=[("totals-row", 5, "Total")]),
    Read("xlsx-hidden-first.xlsx", HEADERS, CLEAN),  # the hidden 'Secret' sheet is skipped
    Read("xlsx-hidden-first.xlsx", HEADERS, [(2, "Zed", "999")], spec={"sheet": "Secret"}),
    Read("xlsx-hidden-first.xlsx", HEADERS, [(2, "Zed", "999")], spec={"sheet": "secret"}),
    Read(
        "xlsx-two-sheets.xlsx",
        ("Owner", "Total"),
        [(2, "Ann"), (3, "Ben")],
        columns=("Owner",),
        expect=(),
    ),
    Read("xlsx-two-sheets.xlsx", HEADERS, CLEAN, spec={"sheet": 2}),
    # No cached result: the cell is empty (never "0") and the issue names its cell.
    Read(
        "xlsx-formula-no-value.xlsx",
        HEADERS,
        [(2, "Ann", "100"), (3, "Ben", None), (4, "Ben", "200")],
        issues=[("formula-without-value", 3, None)],
    ),
    Read("xlsx-formula-cached.xlsx", HEADERS, [(2, "Ann", "100"), (3, "Ben", "200")]),
]


def _read_id(case: Any) -> str:
    read_case = case.values[0] if hasattr(case, "values") else case
    return read_case.file + (f"-{read_case.spec}" if read_case.spec else "")


@pytest.mark.parametrize("case", READS, ids=[_read_id(c) for c in READS])
def test_reading(case: Read) -> None:
    table = read(case.file, case.expect, **case.spec)
    if case.headers is not None:
        assert table.headers == case.headers
    if case.cells is not None:
        names = [table.column(c) for c in case.columns]
        assert table.frame.select(ROW, *names).rows() == case.cells
    if case.encoding is not None:
        assert table.encoding == case.encoding
    assert issue_keys(table.issues) == sorted(case.issues, key=str)


def test_ragged_row_says_what_was_not_read() -> None:
    [ragged] = read("ragged-extra.csv").issues
    assert (ragged.level, ragged.row, ragged.value) == ("warning", 3, "oops, more")
    assert ragged.message == (
        "row has 2 more cell(s) than the header; the extra values are not read: oops, more"
    )


def test_header_row_issue_says_how_to_fix_it() -> None:
    [found] = read("preamble.csv").issues
    assert found.message == "the header was found in row 3, not row 1; set header_row: 3"


def test_formula_without_value_names_its_cell() -> None:
    [formula] = read("xlsx-formula-no-value.xlsx").issues
    assert (formula.level, formula.row, formula.column) == ("warning", 3, "Amount")


def test_nul_bytes_are_counted() -> None:
    [nul] = read("nul-bytes.csv").issues
    assert (nul.level, nul.message) == ("warning", "1 NUL byte(s) removed")


def test_format_mismatch_names_the_real_format() -> None:
    [as_csv] = read("really-csv.xlsx").issues
    assert as_csv.message == (
        "really-csv.xlsx is a text (CSV) file despite its extension; read as CSV"
    )
    [as_excel] = read("really-xlsx.csv").issues
    assert as_excel.message == (
        "really-xlsx.csv is an Excel workbook despite its extension; read as Excel"
    )


def test_1904_workbooks_are_recognised() -> None:
    assert read("xlsx-1904-serials.xlsx").date1904
    assert read("xlsx-1904-dates.xlsx").date1904
    assert not read("xlsx-serials.xlsx").date1904


# ------------------------------------------------------------------ scoring


@dataclass
class Scored:
    """A file scored for 2026-10: `amount` per person, rows counted, issues (code, row, value)."""

    file: str
    amounts: dict[str, float | None]
    rows: dict[str, int] | None = None
    issues: list[IssueKey] = field(default_factory=list)
    source: dict[str, Any] = field(default_factory=dict)
    people: tuple[str, ...] = ("Ann", "Ben")
    measure: str = "sum"
    column: str = "Amount"
    roster: list[dict[str, Any]] | None = None

    def config(self) -> dict[str, Any]:
        return config_data(
            self.file, self.source, self.people, self.measure, self.column, self.roster
        )


BASE = {"Ann": 150, "Ben": 200}
BASE_ROWS = {"Ann": 2, "Ben": 1}
ZH = {"person": "销售", "date": "成交日期"}

SCORED = [
    # encodings and delimiters: every one scores exactly as the clean UTF-8 file
    Scored("enc-utf8.csv", BASE, BASE_ROWS),
    Scored("enc-utf8-bom.csv", BASE, BASE_ROWS),
    # ￥ is the full-width yen sign; the 2026年11月1日 row is outside the period.
    Scored(
        "enc-gb18030-chinese.csv",
        {"张伟": 1234.0, "李娜": 2000.5, "刘䶮": 88},
        {"张伟": 1, "李娜": 1, "刘䶮": 1},
        source=ZH,
        people=("张伟", "李娜", "刘䶮"),
        column="金额",
    ),
    Scored("enc-gbk.csv", {"张伟": 100, "李娜": 200}, people=("张伟", "李娜")),
    Scored("enc-utf16le-unicode-text.txt", {**BASE, "张伟": 300}, people=("Ann", "Ben", "张伟")),
    Scored("enc-utf16be-bom.csv", BASE, BASE_ROWS),
    Scored(
        "enc-cp1252-declared.csv",
        {"Müller": 100, "José": 5},
        people=("Müller", "José"),
        source={"encoding": "cp1252"},
    ),
    Scored("delim-semicolon.csv", BASE, BASE_ROWS),
    Scored("delim-tab.csv", BASE, BASE_ROWS),
    Scored("delim-pipe.csv", BASE, BASE_ROWS),
    Scored("crlf.csv", BASE, BASE_ROWS),
    Scored("cr-only.csv", BASE, BASE_ROWS),
    Scored("cr-only-quoted-newline.csv", BASE, BASE_ROWS),
    Scored("quoted-newlines.csv", BASE, BASE_ROWS),
    # structure
    Scored("nul-bytes.csv", {"Ann": 100, "Ben": 200}, issues=[("nul-bytes", None, None)]),
    Scored("ragged-extra.csv", BASE, BASE_ROWS, [("ragged-row", 3, "oops, more")]),
    Scored("ragged-short.csv", BASE, BASE_ROWS),
    Scored("preamble.csv", BASE, BASE_ROWS, [("header-row", 3, None)]),
    Scored("header-row-3.csv", BASE, BASE_ROWS, source={"header_row": 3}),
    Scored("blank-lines.csv", {"Ann": 100, "Ben": 200}, {"Ann": 1, "Ben": 1}),
    Scored("trailing-empty-columns.csv", BASE, BASE_ROWS),
    # The totals rows are not scored and do not show up as an unknown person.
    Scored(
        "totals-heji.csv",
        {"张伟": 100, "李娜": 200},
        {"张伟": 1, "李娜": 1},
        [("totals-row", 4, "合计")],
        source=ZH,
        people=("张伟", "李娜"),
        column="金额",
    ),
    Scored("totals-grand-total.csv", BASE, BASE_ROWS, [("totals-row", 5, "Grand Total")]),
    Scored("totals-customer-named-total.csv", BASE, BASE_ROWS),
    Scored("xlsx-totals.xlsx", BASE, BASE_ROWS, [("totals-row", 5, "Total")]),
    # people: one issue per spelling, at its first row
    Scored(
        "unknown-people.csv",
        BASE,
        BASE_ROWS,
        [
            ("unknown-person", 5, "Zed"),
            ("unknown-person", 7, "Former Rep"),
            ("unknown-person", 8, "zed"),
        ],
    ),
    # Ａｎｎ, "  ann ", "BEN" + no-break space, "Ｂｅｎ" + ideographic space
    Scored("full-width-names.csv", {"Ann": 101, "Ben": 202}, {"Ann": 2, "Ben": 2}),
    Scored(
        "roster-aliases.csv",
        {"Robert Li": 123},
        {"Robert Li": 3},
        roster=[{"person": "Robert Li", "team": "T", "aliases": ["Bob Li", "Li, Bob"]}],
    ),
    # numbers: a cell that does not parse leaves the row out of `amount` only
    Scored(
        "bad-number.csv",
        {"Ann": 100, "Ben": 200},
        {"Ann": 2, "Ben": 1},
        [("bad-number", 2, "12abc")],
    ),
    Scored(
        "bad-number-placeholders.csv",
        {"Ann": 100},
        {"Ann": 4},
        [("bad-number", 3, "N/A"), ("bad-number", 4, "#VALUE!"), ("bad-number", 5, "—")],
    ),
    Scored("negative-parentheses.csv", {"Ann": -1234 + 2000, "Ben": -50.5}),
    Scored("percent.csv", {"Ann": 0.40, "Ben": 0.125}, measure="mean", column="Rate"),
    Scored("decimal-comma.csv", {"Ann": 2469.0, "Ben": 7.75}, source={"decimal": ","}),
    # $1,234 + ¥1,234.50 + ￥100; USD 10 + 1,000元 + RMB 5 - $20 + full-width １２３
    # ... and, as dollars and yuan are added as they are, one mixed-currency warning
    # naming the first of the rows in dollars (yuan on 4 rows, dollars on 3: rows 2, 5, 8)
    Scored(
        "currency-forms.csv",
        {"Ann": 2568.5, "Ben": 1118},
        {"Ann": 3, "Ben": 5},
        [("mixed-currency", 2, "$1,234")],
    ),
    # dates: every October form counts (1+2+...+256 = 511); 2026-11-01 and 2026-9-30 do not
    Scored("date-forms.csv", {"Ann": 511}, {"Ann": 9}),
    # 05/10/2026 is not guessed: the row is in no period
    Scored("ambiguous-date.csv", {"Ann": 1}, {"Ann": 1}, [("ambiguous-date", 2, "05/10/2026")]),
    # date_format applies to every date of the source, an ISO date included
    Scored(
        "us-dates.csv",
        {"Ann": 100, "Ben": 200},
        {"Ann": 1, "Ben": 1},
        [("bad-date", 5, "2026-10-05")],
        source={"date_format": "%m/%d/%Y"},
    ),
    Scored(
        "invalid-date.csv",
        {"Ann": 1},
        {"Ann": 1},
        [("bad-date", 2, "2026-02-30"), ("bad-date", 4, "soon")],
    ),
    Scored("empty-dates.csv", {"Ann": 1}, {"Ann": 1}, [("missing-date", None, None)]),
    # headers
    Scored("duplicate-header-unused.csv", {"Ann": 5}),
    Scored("messy-headers.csv", {"Ann": 100}, source={"person": "owner", "date": "CLOSE DATE"}),
    Scored("header-only.csv", {"Ann": 0, "Ben": 0}, {"Ann": 0, "Ben": 0}),
    # history export: one row per deal, the last change by date (not by text or file order)
    Scored(
        "history.csv",
        {"Ann": 150, "Ben": 130},
        {"Ann": 1, "Ben": 2},
        [("deduplicated", None, None)],
        source={"dedupe": {"key": ["Deal"], "order_by": "Changed"}},
    ),
    # workbooks; 2026-10-31 23:30 is in October, 2026-11-01 00:00 is not
    Scored("xlsx-dates.xlsx", {"Ann": 150, "Ben": 208}, {"Ann": 2, "Ben": 2}),
    Scored("xlsx-serials.xlsx", {"Ann": 100, "Ben": 200}, {"Ann": 1, "Ben": 1}),
    Scored("xlsx-1904-serials.xlsx", {"Ann": 100, "Ben": 200}, {"Ann": 1, "Ben": 1}),
    Scored("xlsx-1904-dates.xlsx", BASE, BASE_ROWS),
    # The mean is 200: the formula cell is left out, never read as 0 (mean 100).
    Scored(
        "xlsx-formula-no-value.xlsx",
        {"Ann": 100, "Ben": 200},
        {"Ann": 1, "Ben": 2},
        [("formula-without-value", 3, None)],
        measure="mean",
    ),
    Scored("xlsx-formula-cached.xlsx", {"Ann": 100, "Ben": 200}, measure="mean"),
    Scored(
        "xlsx-offset-b3.xlsx",
        {"Ann": 100, "Ben": 200},
        {"Ann": 1, "Ben": 2},
        [("bad-number", 5, "12abc")],
    ),
    Scored("xlsx-hidden-first.xlsx", BASE, BASE_ROWS),  # Zed's hidden row is not read
    Scored("xlsx-hidden-first.xlsx", {"Zed": 999}, people=("Zed",), source={"sheet": "Secret"}),
    Scored("xlsx-hidden-first.xlsx", BASE, BASE_ROWS, source={"sheet": 1}),
    Scored("xlsx-two-sheets.xlsx", BASE, BASE_ROWS, source={"sheet": 2}),
    Scored("xlsx-cover-sheet.xlsx", BASE, BASE_ROWS, source={"sheet": "数据"}),
    Scored("xlsx-empty-first.xlsx", BASE, BASE_ROWS, source={"sheet": 2}),
    Scored("xlsx-two-sheets.xlsx", BASE, BASE_ROWS, source={"sheet": "deals"}),
    Scored(
        "xlsx-text-values.xlsx",
        {"张伟": 1234.5, "Ben": 800},
        issues=[("mixed-currency", 4, "$1,000")],  # ￥ and $ amounts, added as they are
        people=("张伟", "Ben"),
    ),
    Scored("xlsx-title-row.xlsx", BASE, BASE_ROWS, [("header-row", 2, None)]),
    # A US date typed as text among real date cells: not guessed without date_format ...
    Scored(
        "xlsx-date-format-mixed.xlsx",
        {"Ann": 150, "Ben": 0},
        {"Ann": 2, "Ben": 0},
        [("ambiguous-date", 3, "10/06/2026")],
    ),
    # ... and with it, the text date is read while the real date cells stay dates.
    Scored(
        "xlsx-date-format-mixed.xlsx",
        {"Ann": 150, "Ben": 200},
        {"Ann": 2, "Ben": 1},
        source={"date_format": "%m/%d/%Y"},
    ),
    Scored(
        "xlsx-error-cells.xlsx",
        {"Ann": 150, "Ben": 200},
        {"Ann": 2, "Ben": 3},
        [("bad-number", 5, "#N/A"), ("bad-number", 6, "#DIV/0!")],
    ),
    Scored("macro.xlsm", {"Ann": 150, "Ben": 208}),
    Scored("libreoffice.ods", BASE, BASE_ROWS),
    # extensions that lie
    Scored("really-xlsx.csv", {"Ann": 150, "Ben": 208}, issues=[("format-mismatch", None, None)]),
    Scored("really-csv.xlsx", BASE, BASE_ROWS, [("format-mismatch", None, None)]),
    Scored("really-tsv.xls", BASE, BASE_ROWS, [("format-mismatch", None, None)]),
]


def _scored_id(case: Any) -> str:
    scored = case.values[0] if hasattr(case, "values") else case
    return scored.file + (f"-{scored.source}" if scored.source else "")


@pytest.mark.parametrize("case", SCORED, ids=[_scored_id(c) for c in SCORED])
def test_scoring(case: Scored, tmp_path: Path) -> None:
    report = run_score(case.config(), tmp_path)
    amounts = actuals(report, "amount")
    for person, expected in case.amounts.items():
        assert amounts[person] == pytest.approx(expected), person
    if case.rows is not None:
        rows = actuals(report, "rows")
        assert {p: rows[p] for p in case.rows} == case.rows
    assert issue_keys(report.issues) == sorted(case.issues, key=str)


def test_bad_number_names_row_column_and_value(tmp_path: Path) -> None:
    report = run_score(config_data("bad-number.csv"), tmp_path)
    [bad] = report.issues
    assert (bad.level, bad.source, bad.row, bad.column, bad.value, bad.person) == (
        "warning",
        "deals",
        2,
        "Amount",
        "12abc",
        "Ann",
    )
    assert bad.message == (
        "'12abc' is not a number; the row is left out of measures that use Amount"
    )


def test_unknown_people_are_counted_per_spelling(tmp_path: Path) -> None:
    report = run_score(config_data("unknown-people.csv"), tmp_path)
    assert sorted(i.message for i in report.issues) == [
        "1 row(s) name 'Former Rep', who is not in the roster (rows 7); they score no one",
        "1 row(s) name 'zed', who is not in the roster (rows 8); they score no one",
        "2 row(s) name 'Zed', who is not in the roster (rows 5, 6); they score no one",
    ]
    [summary] = report.sources
    assert summary.rows_unknown_person == 4


def test_missing_dates_are_counted(tmp_path: Path) -> None:
    report = run_score(config_data("empty-dates.csv"), tmp_path)
    [missing] = report.issues
    assert (missing.level, missing.column) == ("info", "Close Date")
    assert missing.message == "2 row(s) with no Close Date are in no one's scorecard"
    assert report.sources[0].rows_without_date == 2


def test_ambiguous_date_asks_for_date_format(tmp_path: Path) -> None:
    report = run_score(config_data("ambiguous-date.csv"), tmp_path)
    [ambiguous] = report.issues
    assert (ambiguous.level, ambiguous.column) == ("warning", "Close Date")
    assert ambiguous.message == (
        "'05/10/2026' could be day/month or month/day; set `date_format` on the source "
        "(%d/%m/%Y if the day comes first, %m/%d/%Y if the month does)"
    )
    assert report.sources[0].rows_in_period == 1


def test_a_day_month_date_read_one_way_only_names_its_format(tmp_path: Path) -> None:
    data = tmp_path / "deals.csv"
    data.write_text(
        "Owner,Stage,Amount,Close Date\n"
        "Ann,Won,100,31/10/2026\n"  # day first: 31 is no month
        "Ann,Won,1,10/31/2026\n"  # month first
        "Ann,Won,2,31.10.26\n"  # dots, two-digit year: or year first, 2031-10-26
        "Ann,Won,3,05/10/2026\n"  # either way round
        "Ann,Won,4,05.10.26\n"  # either way round, in its own separator and year
        "Ann,Won,5,26-10-05\n"  # 2026-10-05 as short dates in China write it, or day first
        "Ann,Won,6,31/13/2026\n",  # neither way round: no date at all, not ambiguous
        encoding="utf-8",
    )
    report = run_score(config_data("ambiguous-date.csv", {"path": str(data)}), tmp_path)
    [bad] = [i for i in report.issues if i.code == "bad-date"]
    assert (bad.value, bad.message) == ("31/13/2026", "'31/13/2026' is not a date")
    messages = {i.value: i.message for i in report.issues if i.code == "ambiguous-date"}
    assert messages == {
        "31/10/2026": "'31/10/2026' fits only %d/%m/%Y (day and month in one order); "
        'set `date_format: "%d/%m/%Y"` on the source to read such dates',
        "10/31/2026": "'10/31/2026' fits only %m/%d/%Y (day and month in one order); "
        'set `date_format: "%m/%d/%Y"` on the source to read such dates',
        "31.10.26": "'31.10.26' could be year first or day first; set `date_format` on "
        "the source (%y.%m.%d if the year comes first, %d.%m.%y if the day does)",
        "26-10-05": "'26-10-05' could be year first or day first; set `date_format` on "
        "the source (%y-%m-%d if the year comes first, %d-%m-%y if the day does)",
        "05/10/2026": "'05/10/2026' could be day/month or month/day; set `date_format` on "
        "the source (%d/%m/%Y if the day comes first, %m/%d/%Y if the month does)",
        "05.10.26": "'05.10.26' could be day/month or month/day; set `date_format` on "
        "the source (%d.%m.%y if the day comes first, %m.%d.%y if the month does)",
    }
    assert report.sources[0].rows_in_period == 0  # still not guessed


def test_an_ambiguous_date_names_the_order_the_column_proves(tmp_path: Path) -> None:
    # 31/10/2026 (row 3) can only be day first, and no cell of the column is month
    # first: 05/10/2026 (row 2) is still not guessed, but the message says which
    # format the column's other dates prove.
    data = tmp_path / "deals.csv"
    data.write_text(
        "Owner,Stage,Amount,Close Date\n"
        "Ann,Won,3,05/10/2026\n"
        "Ann,Won,100,31/10/2026\n"
        "Ann,Won,4,13/10/2026\n",
        encoding="utf-8",
    )
    report = run_score(config_data("ambiguous-date.csv", {"path": str(data)}), tmp_path)
    [ambiguous] = [i for i in report.issues if i.value == "05/10/2026"]
    assert ambiguous.message == (
        "'05/10/2026' could be day/month or month/day; '31/10/2026' (row 3) in the same "
        'column fits only %d/%m/%Y: set `date_format: "%d/%m/%Y"` on the source to read '
        "such dates"
    )
    assert report.sources[0].rows_in_period == 0


def test_date_format_without_time_reads_cells_with_a_time(tmp_path: Path) -> None:
    # CRM exports of a datetime column: "9/28/2026 9:15 AM" with date_format %m/%d/%Y
    # is 28 September. October: rows 3 (10/5/2026 16:40) and 4 (10/31/2026, plain).
    data = tmp_path / "deals.csv"
    data.write_text(
        "Owner,Stage,Amount,Close Date\n"
        "Ann,Won,1,9/28/2026 9:15 AM\n"
        "Ann,Won,10,10/5/2026 16:40\n"
        "Ann,Won,100,10/31/2026\n"
        "Ann,Won,1000,10/32/2026 9:15 AM\n",
        encoding="utf-8",
    )
    source = {"path": str(data), "date_format": "%m/%d/%Y"}
    report = run_score(config_data("us-dates.csv", source), tmp_path)
    assert actuals(report, "amount") == {"Ann": 110, "Ben": 0}
    assert issue_keys(report.issues) == [("bad-date", 5, "10/32/2026 9:15 AM")]


def test_date_format_issue_names_the_format(tmp_path: Path) -> None:
    report = run_score(config_data("us-dates.csv", {"date_format": "%m/%d/%Y"}), tmp_path)
    [bad] = report.issues
    assert bad.message == "'2026-10-05' is not a date in the format %m/%d/%Y"


def test_a_date_in_other_separators_than_the_format_names_the_format_it_fits(
    tmp_path: Path,
) -> None:
    # date_format %d/%m/%Y, dates written 05.10.2026 (as German exports do): the cell
    # is not read, and the message names %d.%m.%Y, which reads it; 2026-13-01 fits no
    # format whatever its separators.
    data = tmp_path / "deals.csv"
    data.write_text(
        "Owner,Stage,Amount,Close Date\nAnn,Won,1,05.10.2026\nAnn,Won,2,13.13.2026\n",
        encoding="utf-8",
    )
    report = run_score(
        config_data("us-dates.csv", {"path": str(data), "date_format": "%d/%m/%Y"}), tmp_path
    )
    messages = [i.message for i in report.issues if i.code == "bad-date"]
    assert messages == [
        "'05.10.2026' is not a date in the format %d/%m/%Y, but reads in %d.%m.%Y (its own "
        'separators): set `date_format: "%d.%m.%Y"` if the column is written so',
        "'13.13.2026' is not a date in the format %d/%m/%Y",
    ]


def test_ambiguous_dates_read_with_date_format(tmp_path: Path) -> None:
    report = run_score(config_data("ambiguous-date.csv", {"date_format": "%d/%m/%Y"}), tmp_path)
    # 05/10/2026 is 5 October; the ISO row no longer matches the format
    assert actuals(report, "amount") == {"Ann": 100, "Ben": 0}
    assert issue_keys(report.issues) == [("bad-date", 3, "2026-10-05")]


def test_dedupe_reports_how_many_rows_it_replaced(tmp_path: Path) -> None:
    data = config_data("history.csv", {"dedupe": {"key": ["Deal"], "order_by": "Changed"}})
    [dedupe] = run_score(data, tmp_path).issues
    assert dedupe.message == "2 row(s) replaced by another row with the same Deal"
    keep_first = config_data(
        "history.csv", {"dedupe": {"key": ["Deal"], "order_by": "Changed", "keep": "first"}}
    )
    assert actuals(run_score(keep_first, tmp_path), "amount") == {"Ann": 100, "Ben": 40}


def test_a_dedupe_order_that_reads_as_no_date_is_reported(tmp_path: Path) -> None:
    # D1's rows changed 10/10/2026 (day and month either way) and 2026-10-15; D2's
    # 'yesterday' and 2026-10-09. Undated cells sort first, so the dated row is kept for
    # each key (Ann 150; Ben 0 for D2, 40 for D3) - and the warning says the order could not
    # be told. D3's single row needs no order: not listed.
    path = tmp_path / "history.csv"
    path.write_text(
        "Deal,Owner,Stage,Amount,Changed,Close Date\n"
        "D1,Ann,Won,150,2026-10-15,2026-10-20\nD1,Ann,Open,100,10/10/2026,2026-10-20\n"
        "D2,Ben,Won,90,yesterday,2026-10-05\nD2,Ben,Lost,0,2026-10-09,2026-10-05\n"
        "D3,Ben,Won,40,someday,2026-10-02\n",
        encoding="utf-8",
    )
    data = config_data(str(path), {"dedupe": {"key": ["Deal"], "order_by": "Changed"}})
    report = run_score(data, tmp_path)
    assert actuals(report, "amount") == {"Ann": 150, "Ben": 40}
    [order] = [i for i in report.issues if i.code == "dedupe-order"]
    assert (order.level, order.row, order.column, order.value) == (
        "warning",
        3,
        "Changed",
        "10/10/2026",
    )
    assert order.message == (
        "2 row(s) whose dedupe key is repeated have a Changed whose day and month can be read "
        "either way (rows 3, 4; '10/10/2026'): set date_format on the source, or the row kept "
        "for their key may not be the latest"
    )
    # ordered by a column of versions (no cell a date): text order, as meant, no warning
    path.write_text(
        path.read_text().replace(",2026-10-15,", ",v2,").replace(",2026-10-09,", ",v1,")
    )
    assert not [i for i in run_score(data, tmp_path).issues if i.code == "dedupe-order"]


def test_messy_text_scores_like_the_clean_file(tmp_path: Path) -> None:
    """The same deals as GB18030 text, as typed text in Excel and as clean UTF-8."""
    clean = run_score(config_data("enc-utf8.csv"), tmp_path)
    for file in ("enc-utf16be-bom.csv", "delim-pipe.csv", "really-csv.xlsx", "libreoffice.ods"):
        other = run_score(config_data(file), tmp_path)
        assert [(p.person, p.total, p.kpis) for p in other.people] == [
            (p.person, p.total, p.kpis) for p in clean.people
        ], file


# ------------------------------------------------------------------ errors


@dataclass
class Fails:
    """A file that cannot be used: the error type and its whole message ({path} = the file)."""

    file: str
    message: str
    source: dict[str, Any] = field(default_factory=dict)
    error: type[ScorecardError] = SourceError
    exact: bool = True


FAILS = [
    Fails(
        "duplicate-header-used.csv",
        "{path}: the header 'Amount' appears more than once (source 'deals'); rename one of "
        "the columns or point the config at another.",
    ),
    Fails(
        "missing-column.csv",
        "{path}: no column 'Amount' (source 'deals') — did you mean 'Amont'? "
        "Available headers: Owner, Stage, Amont, Close Date.",
    ),
    Fails(
        "enc-utf8.csv",
        "{path}: no date column 'Closed' (source 'deals') — did you mean 'Close Date'? "
        "Available headers: Owner, Stage, Amount, Close Date.",
        source={"date": "Closed"},
    ),
    Fails("empty.csv", "{path}: the file is empty (0 bytes; source 'deals')."),
    # A declared encoding the file is not in: the error names the one it reads as
    Fails(
        "enc-cp1252-declared.csv",
        "{path}: the file is not valid utf-8 (line 2, byte 31); it reads as cp1252: set "
        "`encoding: cp1252` on the source (or `encoding: auto`).",
        source={"encoding": "utf-8"},
    ),
    # UTF-8 declared as UTF-16 decodes (as garbage) when its length is even: no zero byte
    Fails(
        "enc-utf8.csv",
        "{path}: the file is not utf-16 text (UTF-16 has a zero byte beside each comma and "
        "line end; this file has none); it reads as utf-8: set `encoding: utf-8` on the "
        "source (or `encoding: auto`).",
        source={"encoding": "utf-16"},
    ),
    # A header_row below a workbook's last row (a report of four rows, header_row: 40)
    Fails(
        "xlsx-totals.xlsx",
        "{path}: no header row at row 40 (source 'deals'); the file has fewer rows.",
        source={"header_row": 40},
    ),
    Fails("xlsx-truncated.xlsx", "{path}: not a valid Excel workbook (File is not a zip file)."),
    Fails(
        "xlsx-bad-crc.xlsx",
        "{path}: not a valid Excel workbook (Bad CRC-32 for file 'xl/worksheets/sheet1.xml').",
    ),
    Fails(
        "xlsx-encrypted.xlsx",
        "{path}: the workbook is password-protected (encrypted); save an unprotected copy to "
        "score it.",
    ),
    Fails(
        "zip-bomb.xlsx",
        "{path}: part xl/worksheets/sheet1.xml is compressed 200× or more (a zip bomb?); "
        "refusing to open it.",
    ),
    Fails(
        "xlsx-two-sheets.xlsx",
        "{path}: there is no sheet number 3; the workbook has 2 visible sheet(s): Summary, Deals.",
        source={"sheet": 3},
    ),
    # Only visible sheets are listed (not 'Secret'), with the closest one suggested.
    Fails(
        "xlsx-hidden-first.xlsx",
        "{path}: no sheet 'Deels' (sheets: Deals, Notes) — did you mean 'Deals'?",
        source={"sheet": "Deels"},
        exact=False,
    ),
    # No sheet named and the first tab lacks the mapped columns: the tab that has them is named.
    Fails(
        "xlsx-cover-sheet.xlsx",
        "{path}: the first sheet '说明' has no header row with Owner, Close Date (source "
        "'deals'), sheet '数据' has; add `sheet: 数据` to the source.",
    ),
    Fails(
        "xlsx-empty-first.xlsx",
        "{path}: the first sheet 'Sheet1' has no header row with Owner, Close Date (source "
        "'deals'), sheet 'Deals' has; add `sheet: Deals` to the source.",
    ),
    Fails(
        "xlsx-two-sheets.xlsx",
        "{path}: the first sheet 'Summary' has no header row with Owner, Close Date",
        exact=False,
    ),
    # ... and when no tab has them, the missing column is what is said.
    Fails(
        "xlsx-cover-sheet.xlsx",
        "{path}: no column 'Amount' (source 'deals'). "
        "Available headers: 销售业绩导出 Sales export.",
        source={"date": "Closed"},
        exact=False,
    ),
    Fails("really-html.xls", "{path}: ", exact=False),
    Fails(
        "really-png.csv",
        "{path}: this is not a text export but a PNG file saved with a .csv extension; "
        "export the report from the CRM as CSV or Excel.",
    ),
    Fails("really-gzip.csv", "{path}: this is not a text export but a gzip file", exact=False),
    Fails("binary-noise.txt", "{path}: this is not a text export but a binary file", exact=False),
    Fails("xlsx-billion-laughs.xlsx", "{path}: cannot read sheet 'Deals'", exact=False),
    Fails("xlsx-external-entity.xlsx", "{path}: cannot read sheet 'Deals'", exact=False),
]


@pytest.mark.parametrize("case", FAILS, ids=[f"{c.file}-{c.source}" for c in FAILS])
def test_unusable_files(case: Fails, tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(case.error) as raised:
        run_score(config_data(case.file, case.source), tmp_path)
    assert time.monotonic() - started < 5  # refused, never a hang
    message = str(raised.value)
    expected = case.message.format(path=path_of(case.file))
    if case.exact:
        assert message == expected
    else:
        assert message.startswith(expected)


def test_unknown_sheet_lists_only_visible_sheets(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as raised:
        run_score(config_data("xlsx-hidden-first.xlsx", {"sheet": "Deels"}), tmp_path)
    message = str(raised.value)
    assert message.endswith("no sheet 'Deels' (sheets: Deals, Notes) — did you mean 'Deals'?")
    assert "Secret" not in message


def test_xml_entities_are_not_expanded(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as raised:
        run_score(config_data("xlsx-billion-laughs.xlsx"), tmp_path)
    assert "lollol" not in str(raised.value)
    with pytest.raises(SourceError) as raised:
        run_score(config_data("xlsx-external-entity.xlsx"), tmp_path)
    assert "root:" not in str(raised.value)  # /etc/passwd was not read into the sheet


def test_xml_entity_error_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as raised:
        run_score(config_data("xlsx-billion-laughs.xlsx"), tmp_path)
    assert "\n" not in str(raised.value)


def test_html_saved_as_xls_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as raised:
        run_score(config_data("really-html.xls"), tmp_path)
    assert str(raised.value) == (
        f"{path_of('really-html.xls')}: this is an HTML page saved with a .xls extension "
        "(a web 'Export to Excel'), not a workbook; open it in Excel or WPS and save it as "
        ".xlsx, or export CSV."
    )


def test_xml_spreadsheet_saved_as_xls_is_named(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        "</Workbook>",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as raised:
        run_score(config_data("enc-utf8.csv", {"path": str(path)}), tmp_path)
    assert str(raised.value).startswith(f"{path}: this is an XML file")


def test_every_error_is_one_line(tmp_path: Path) -> None:
    for case in FAILS:
        with pytest.raises(ScorecardError) as raised:
            run_score(config_data(case.file, case.source), tmp_path)
        assert "\n" not in str(raised.value), case.file


def test_alias_bomb_config_is_refused() -> None:
    path = path_of("alias-bomb.yaml")
    started = time.monotonic()
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert time.monotonic() - started < 5
    assert str(raised.value) == (
        f"{path}: YAML aliases expand to more than 200,000 values; refusing to load it."
    )


# ------------------------------------------------------------------ the command line


@dataclass
class Cli:
    """A run of `scorecard run CONFIG --period 2026-10 -f json`: exit code and whole stderr."""

    file: str
    code: int
    stderr: str
    source: dict[str, Any] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    people: tuple[str, ...] = ("Ann", "Ben")
    amounts: dict[str, float] | None = None


CLI = [
    Cli(
        "duplicate-header-used.csv",
        1,
        "error: {path}: the header 'Amount' appears more than once (source 'deals'); rename "
        "one of the columns or point the config at another.\n",
    ),
    Cli(
        "missing-column.csv",
        1,
        "error: {path}: no column 'Amount' (source 'deals') — did you mean 'Amont'? "
        "Available headers: Owner, Stage, Amont, Close Date.\n",
    ),
    Cli(
        "xlsx-encrypted.xlsx",
        1,
        "error: {path}: the workbook is password-protected (encrypted); save an unprotected "
        "copy to score it.\n",
    ),
    Cli(
        "zip-bomb.xlsx",
        1,
        "error: {path}: part xl/worksheets/sheet1.xml is compressed 200× or more (a zip "
        "bomb?); refusing to open it.\n",
    ),
    Cli(
        "alias-bomb.yaml",
        2,
        "error: {path}: YAML aliases expand to more than 200,000 values; refusing to load it.\n",
    ),
    Cli(
        "bad-number.csv",
        1,
        "deals: 3 rows, 3 in 2026-10\n"
        "warning: bad-number: deals, row 2, column 'Amount': '12abc' is not a number; the row "
        "is left out of measures that use Amount\n"
        "error: --strict: the data has issues (see above); no output written.\n",
        flags=("--strict",),
    ),
    Cli(
        "enc-gb18030-chinese.csv",
        0,
        "deals: 4 rows, 3 in 2026-10\n",
        source=ZH,
        people=("张伟", "李娜", "刘䶮"),
        amounts={"张伟": 1234.0, "李娜": 2000.5, "刘䶮": 88.0},
    ),
]


def _cli_config(case: Cli, folder: Path) -> Path:
    if case.file.endswith(".yaml"):
        return path_of(case.file)
    data = config_data(case.file, case.source, case.people)
    if case.file == "enc-gb18030-chinese.csv":
        data["kpis"]["amount"]["measure"] = {"sum": "金额"}
    path = folder / f"{case.file}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str]]:
    """Every CLI case, started at once (each is a fresh interpreter) and awaited together."""
    folder = tmp_path_factory.mktemp("cli")
    env = {k: v for k, v in os.environ.items() if k not in ("LC_MESSAGES", "LANGUAGE")}
    env |= {
        "PYTHONPATH": str(ROOT / "src"),
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "COLUMNS": "200",
    }
    running = {}
    for case in CLI:
        command = [
            sys.executable,
            "-m",
            "scorecard",
            "run",
            str(_cli_config(case, folder)),
            "--period",
            "2026-10",
            "-f",
            "json",
            *case.flags,
        ]
        running[case.file] = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=folder
        )
    results = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=60)
        results[name] = (process.returncode, out.decode(), err.decode())
    return results


@pytest.mark.parametrize("case", CLI, ids=[c.file for c in CLI])
def test_cli(case: Cli, cli_runs: dict[str, tuple[int, str, str]]) -> None:
    code, out, err = cli_runs[case.file]
    assert err == case.stderr.format(path=path_of(case.file))
    assert code == case.code
    if case.amounts is None:
        assert out == ""
        return
    report = json.loads(out)
    found = {
        p["person"]: next(k["actual"] for k in p["kpis"] if k["id"] == "amount")
        for p in report["people"]
    }
    assert found == case.amounts


# ------------------------------------------------------------------ the corpus itself


def _corpus_script() -> Any:
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_is_what_the_script_writes() -> None:
    script = _corpus_script()
    on_disk = sorted(p.name for p in FILES.iterdir())
    assert on_disk == sorted(script.CASES), "run python tests/bad/make_corpus.py"
    stale = [name for name in script.CASES if script.build(name) != (FILES / name).read_bytes()]
    assert stale == [], "run python tests/bad/make_corpus.py"


def test_corpus_files_are_small() -> None:
    sizes = {p.name: p.stat().st_size for p in FILES.iterdir()}
    assert len(sizes) >= 40
    assert {name: size for name, size in sizes.items() if size > 100 * 1024} == {}


def test_every_corpus_file_has_a_case() -> None:
    cases: list[Any] = [*READS, *SCORED, *FAILS, *CLI]
    named = {(c.values[0] if hasattr(c, "values") else c).file for c in cases}
    assert sorted(p.name for p in FILES.iterdir() if p.name not in named) == []
