"""Properties of reading exports: whatever the bytes or cells, only the tool's own errors;
formatted numbers and dates parse back to the values they were written from."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from scorecard import records, sources_csv, sources_excel
from scorecard.config import SourceConfig
from scorecard.config_load import parse_config
from scorecard.errors import ScorecardError
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.records import _currencies, parse_column
from scorecard.sources import FileSpec, Table, read_table
from scorecard.values import clean_series, clean_text, parse_date, parse_number

CORPUS = Path(__file__).resolve().parent / "bad" / "files"
SETTINGS = settings(max_examples=150, deadline=None)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def read_only_own_errors(path: Path, data: bytes, **spec: Any) -> None:
    """read_table on `data` returns a table or raises a ScorecardError, nothing else."""
    path.write_bytes(data)
    try:
        table = read_table(FileSpec("deals", path, expect=("Owner", "Close Date"), **spec))
    except ScorecardError as error:
        assert str(error)
        event(str(error).partition(": ")[2][:30])
        return
    event("read")
    assert len(table.headers) == len(table.frame.columns) - 1  # every column named, plus __row


# ------------------------------------------------------------------ arbitrary bytes

# Pieces that steer random bytes into the interesting paths: BOMs, delimiters, quotes,
# NULs, invalid UTF-8, GB18030, the zip and OLE magics, the headers a config maps.
PIECES = [
    b"a",
    b",",
    b";",
    b"\t",
    b"|",
    b'"',
    b"\n",
    b"\r",
    b"\r\n",
    b" ",
    b"\x00",
    b"\xff",
    b"\x80",
    "中文".encode(),
    "中文".encode("gb18030"),
    "合计".encode(),
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"Owner",
    b"Close Date",
    b"Amount",
    b"2026-10-05",
    b"1,234.50",
    b"Total",
    b"=1+1",
]
TEXTISH = st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from(PIECES), max_size=60).map(b"".join),
)


@SETTINGS
@given(data=TEXTISH, suffix=st.sampled_from([".csv", ".txt", ".tsv"]))
def test_arbitrary_bytes_as_csv(folder: Path, data: bytes, suffix: str) -> None:
    read_only_own_errors(folder / f"input{suffix}", data)


@SETTINGS
@given(
    data=TEXTISH,
    encoding=st.sampled_from(["auto", "utf-8", "gb18030", "utf-16", "latin-1"]),
    delimiter=st.sampled_from(["auto", ",", ";", "\t", "|"]),
    header_row=st.integers(1, 4),
)
def test_arbitrary_bytes_with_source_options(
    folder: Path, data: bytes, encoding: str, delimiter: str, header_row: int
) -> None:
    read_only_own_errors(
        folder / "options.csv", data, encoding=encoding, delimiter=delimiter, header_row=header_row
    )


def _workbook_bytes() -> bytes:
    return (CORPUS / "xlsx-dates.xlsx").read_bytes()


@st.composite
def damaged_workbooks(draw: st.DrawFn) -> bytes:
    """A real .xlsx with bytes flipped, cut out or inserted."""
    data = bytearray(_workbook_bytes())
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[position : position + draw(st.integers(1, 64))]
        else:
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


SHEET_PARTS = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            [
                "<worksheet>",
                "</worksheet>",
                "<sheetData>",
                "</sheetData>",
                '<row r="1">',
                '<row r="99999999">',
                "</row>",
                '<c r="A1" t="inlineStr"><is><t>Owner</t></is></c>',
                '<c r="B2"><f>1/0</f></c>',
                '<c r="ZZZZ9" t="n"><v>46300</v></c>',
                "<v>",
                "</v>",
                '<c r="A2" t="s"><v>7</v></c>',
                '<c r="A3" t="e"><v>#N/A</v></c>',
                "&amp;",
                "&bad;",
                "<!DOCTYPE x [<!ENTITY e 'x'>]>",
                "<f",
                "</c>",
                "\x00",
                "中",
            ]
        ),
        max_size=40,
    ).map("".join),
)


@st.composite
def odd_zips(draw: st.DrawFn) -> bytes:
    """A real .xlsx whose sheet (and perhaps workbook) part is replaced by arbitrary text."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    out = io.BytesIO()
    replace = draw(st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "both"]))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == replace or (
                replace == "both"
                and info.filename in ("xl/worksheets/sheet1.xml", "xl/workbook.xml")
            ):
                content = draw(SHEET_PARTS).encode("utf-8", "surrogatepass")
            target.writestr(info.filename, content)
    return out.getvalue()


@SETTINGS
@given(data=st.one_of(damaged_workbooks(), odd_zips(), TEXTISH))
def test_arbitrary_bytes_as_xlsx(folder: Path, data: bytes) -> None:
    read_only_own_errors(folder / "input.xlsx", data)


@settings(max_examples=60, deadline=None)
@given(
    data=st.one_of(damaged_workbooks(), odd_zips()), sheet=st.sampled_from([None, 1, 2, "Deals"])
)
def test_arbitrary_workbooks_by_sheet(folder: Path, data: bytes, sheet: str | int | None) -> None:
    read_only_own_errors(folder / "sheet.xlsx", data, sheet=sheet)


# ------------------------------------------------------------------ arbitrary cells

CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=14
)  # anything a CSV can carry
OWNERS = st.one_of(
    st.sampled_from(["Ann", "Ben", " ann ", "Ａｎｎ", "", "Zed", "=1+1", "合计"]), CELL
)
AMOUNTS = st.one_of(
    st.sampled_from(
        [
            "100",
            "1,234.50",
            "(50)",
            "35%",
            "¥1,000",
            "1.234,50",
            "",
            "nan",
            "inf",
            "-0",
            "1e308",
            "1e309",
            "12abc",
            "N/A",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    CELL,
)
DATES = st.one_of(
    st.sampled_from(
        [
            "2026-10-05",
            "2026/10/5",
            "2026年10月5日",
            "20261005",
            "46300",
            "05/10/2026",
            "2026-02-30",
            "",
            "99999",
            "00000",
            "2026-10-05T25:00",
            "9999-12-31",
        ]
    ),
    st.dates().map(str),
    CELL,
)
ROWS = st.lists(
    st.tuples(OWNERS, st.sampled_from(["Won", "Lost", "", "won"]), AMOUNTS, DATES), max_size=12
)


def _pipeline_config(path: Path, source: dict[str, Any]) -> dict[str, Any]:
    return {
        "sources": {"deals": {"path": str(path), "person": "Owner", "date": "Close Date"} | source},
        "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "U"}]},
        "kpis": {
            "revenue": {"source": "deals", "measure": {"sum": "Amount"}, "where": {"Stage": "Won"}},
            "average": {
                "source": "deals",
                "measure": {"mean": "Amount"},
                "where": {"Amount": {"gt": 0}},
            },
            "win_rate": {
                "source": "deals",
                "measure": {
                    "ratio": {
                        "numerator": {"count": "rows", "where": {"Stage": "Won"}},
                        "denominator": {"count": "rows"},
                    }
                },
                "unit": "percent",
            },
            "stages": {"source": "deals", "measure": {"count_distinct": "Stage"}},
        },
        "targets": {"defaults": {"revenue": 100, "average": 10, "win_rate": 0.5, "stages": 1}},
        "scorecards": {"s": {"revenue": 4, "average": 2, "win_rate": 2, "stages": 1}},
    }


@settings(max_examples=100, deadline=None)
@given(
    rows=ROWS,
    source=st.sampled_from(
        [
            {},
            {"decimal": ","},
            {"date_format": "%d/%m/%Y"},
            {"dedupe": {"key": ["Owner"], "order_by": "Close Date"}},
        ]
    ),
)
def test_arbitrary_cells_score_or_fail_cleanly(
    folder: Path, rows: list[tuple[str, str, str, str]], source: dict[str, Any]
) -> None:
    path = folder / "cells.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Owner", "Stage", "Amount", "Close Date"])
        writer.writerows(rows)
    config = parse_config(_pipeline_config(path, source), folder / "scorecard.yaml")
    try:
        report = score(config, read_sources(config), parse_period("2026-10"))
    except ScorecardError as error:
        assert str(error)
        return
    cap = config.scoring.cap * 100
    for result in (*report.people, *report.teams):
        assert result.total is None or 0 <= result.total <= cap
        for kpi in result.kpis:
            assert 0 <= kpi.score <= cap


QUOTED_CELL = st.text(st.sampled_from('a1 ,"\n汉.'), max_size=6)
PLAIN_CELL = st.text(st.sampled_from(list('a1 "汉.')), max_size=6).filter(
    lambda cell: not cell.startswith('"')
)  # (a quote inside a cell that does not start with one is text)


@SETTINGS
@given(
    rows=st.one_of(
        st.lists(st.lists(QUOTED_CELL, min_size=1, max_size=6), min_size=1, max_size=8),
        st.lists(st.lists(PLAIN_CELL, min_size=1, max_size=6), min_size=1, max_size=8),
    ),
    line_end=st.sampled_from(["\n", "\r\n"]),
)
def test_ragged_files_read_whole_as_row_by_row(rows: list[list[str]], line_end: str) -> None:
    """Rows of any widths, quoted as Excel and Python's csv write them or not quoted at
    all: polars's reading of the whole file has the cells the csv module reads."""
    if not any(c.startswith('"') or set(c) & set(",\r\n") for row in rows for c in row):
        text = "".join(",".join(row) + line_end for row in rows)
    else:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator=line_end).writerows(rows)
        text = buffer.getvalue()
    assume(text.replace(",", "").strip())  # (no cell at all: the first read takes it)
    whole = sources_csv._read_ragged(text, "utf-8", ",", 0)
    by_row = sources_csv._read_forgiving(text, "utf-8", ",", 0)

    def cells(frame: pl.DataFrame) -> list[tuple[str | None, ...]]:
        return [tuple(c or None for c in row[: whole.frame.width]) for row in frame.rows()]

    assert cells(whole.frame) == cells(by_row.frame)
    # (which cells on several lines read in a quote never closed is told from a row's
    # usual width: in a file of a few rows each may have its own)
    assert all("\n" in whole.frame[row, column] for row, column, _ in whole.unclosed)


# ------------------------------------------------------------------ values round-trip


def parsed_numbers(texts: list[str], decimal: str = ".") -> list[float | None]:
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String})
    return frame.select(parse_number(pl.col("text"), decimal)).to_series().to_list()


CENTS = st.integers(-(10**13), 10**13)  # up to ±100 billion, in cents
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


@SETTINGS
@given(
    cents=CENTS,
    prefix=st.sampled_from(["", "¥", "￥", "$", "€", "USD ", "RMB "]),
    negative_style=st.sampled_from(["minus", "parentheses"]),
    full_width=st.booleans(),
)
def test_formatted_numbers_round_trip(
    cents: int, prefix: str, negative_style: str, full_width: bool
) -> None:
    value = cents / 100
    text = f"{prefix}{abs(value):,.2f}"
    if value < 0:
        text = f"({text})" if negative_style == "parentheses" else f"-{text}"
    if full_width:
        text = text.translate(FULL_WIDTH)
    assert parsed_numbers([text]) == [pytest.approx(value, abs=1e-9)], text


@SETTINGS
@given(cents=CENTS, prefix=st.sampled_from(["", "€", "€ "]))
def test_decimal_comma_numbers_round_trip(cents: int, prefix: str) -> None:
    value = cents / 100
    text = f"{abs(value):,.2f}".translate(str.maketrans(",.", ".,"))  # 1.234,50
    text = ("-" if value < 0 else "") + prefix + text
    assert parsed_numbers([text], ",") == [pytest.approx(value, abs=1e-9)], text


@SETTINGS
@given(basis_points=st.integers(-(10**6), 10**6))
def test_percentages_round_trip(basis_points: int) -> None:
    value = basis_points / 100  # 35.25 → "35.25%" → 0.3525
    assert parsed_numbers([f"{value:.2f}%"]) == [pytest.approx(value / 100, abs=1e-12)]


@SETTINGS
@given(text=CELL)
def test_numbers_parse_or_stay_empty(text: str) -> None:
    """Any text parses to a finite number or to nothing; never an error."""
    [parsed] = parsed_numbers([text])
    assert parsed is None or (isinstance(parsed, float) and math.isfinite(parsed))


def test_number_forms_combined() -> None:
    """Each step of the parser on its own and together, worked out by hand."""
    texts = ["(¥1.5万)", "(35%)", "$ -", "USD 1,234.50", "2亿", "−12", "12,34", "1.5万%", None]
    expected = [-15000.0, -0.35, 0.0, 1234.5, 200000000.0, -12.0, None, 150.0, None]
    assert parsed_numbers(texts) == expected
    # no infinity, NaN or overflow is a number (a target of inf scored 0, NaN crashed)
    assert parsed_numbers(["inf", "-Infinity", "NaN", "1e999", "(inf)", "inf%"]) == [None] * 6


def test_number_parser_stays_small() -> None:
    """Every step names the one before it once, so planning it costs next to nothing.

    (Steps that repeated the expression before them doubled it each time: 36,000
    characters, 20 ms to plan for a targets file of a few rows.)
    """
    assert len(str(parse_number(pl.col("text")))) < 5000


def test_date_parser_stays_small() -> None:
    """The same for dates: each regex is one step, named by the later ones (7,000
    characters when each reference to the cleaned text copied it)."""
    assert len(str(parse_date(pl.col("text")))) < 4000
    assert len(str(parse_date(pl.col("text"), "%d/%m/%Y", workbook=True))) < 5000


MONTHS = "January February March April May June July August September October November December"
MONTHS = MONTHS.split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
DATE_FORMS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d:%Y.%m.%d}",
    lambda d: f"{d:%Y%m%d}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.isoformat()} 13:45:00",
    lambda d: f"{d.isoformat()}T08:00:00",
    lambda d: f"{d.year}/{d.month}/{d.day} 9:05",
    lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",  # Oct 5, 2026
    lambda d: f"{d.day:02}-{MONTHS[d.month - 1][:3]}-{d.year}",  # 05-Oct-2026
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year} 14:30",  # 5 October 2026 14:30
    lambda d: f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1].upper()} {d.day}, {d.year}",
]


@SETTINGS
@given(
    day=st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    form=st.sampled_from(range(len(DATE_FORMS))),
)
def test_written_dates_round_trip(day: dt.date, form: int) -> None:
    text = DATE_FORMS[form](day)
    parsed = pl.select(parse_date(pl.lit(text, dtype=pl.String))).item()
    assert parsed == day, text


@SETTINGS
@given(day=st.dates(dt.date(1930, 1, 1), dt.date(2029, 12, 31)))
def test_two_digit_years_with_month_names_are_excel_s_1930_to_2029(day: dt.date) -> None:
    text = f"{day.day}-{MONTHS[day.month - 1][:3]}-{day:%y}"  # as Excel shows d-mmm-yy
    assert pl.select(parse_date(pl.lit(text, dtype=pl.String))).item() == day, text


@pytest.mark.parametrize(
    "text",
    ["Sep 31, 2026", "Octo 5, 2026", "5 Foo 2026", "Oct 2026", "Q4 2026", "Week 5 2026"],
)
def test_words_that_are_not_a_date_do_not_parse(text: str) -> None:
    assert pl.select(parse_date(pl.lit(text, dtype=pl.String))).item() is None


@SETTINGS
@given(day=st.dates(dt.date(1932, 1, 1), dt.date(2100, 12, 31)), date1904=st.booleans())
def test_excel_serials_round_trip(day: dt.date, date1904: bool) -> None:
    epoch = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    serial = str((day - epoch).days)
    parsed = pl.select(parse_date(pl.lit(serial, dtype=pl.String), date1904=date1904)).item()
    assert parsed == day, serial


# ------------------------------------------------------------------ direct parse = full parse

# A column's first value picks the format its cells are parsed with directly; whatever
# the other cells hold, each must come out as the full parser reads it.
DATE_PIECES = st.sampled_from(
    [
        *("2026", "0999", "1", "07", "3", "12", "13", "31", "32", "9", "00", "24", "59", "60"),
        *("-", "/", ".", "年", "月", "日", " ", "  ", "T", ":", "+", ".5", "Z", "a", "\u3000"),
    ]
)
FIRST_FORMS = [
    *DATE_FORMS,
    lambda d: f"{d.isoformat()} 00:00:00",  # a workbook's date cell
    lambda d: f"{d.year}/{d.month:02}/{d.day:02} 13:45:07",
    lambda d: f"{d.isoformat()} 9:05",
    lambda d: f"{d.year}年{d.month}月{d.day}日 14:30:00",
    lambda d: f" {d.isoformat()} ",
]


@SETTINGS
@given(
    day=st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    form=st.sampled_from(range(len(FIRST_FORMS))),
    cells=st.lists(
        st.one_of(
            st.none(),
            st.lists(DATE_PIECES, max_size=10).map("".join),
            st.tuples(st.sampled_from(["", "-", "+", " "]), st.dates().map(str)).map("".join),
            st.tuples(st.sampled_from(["", "-", "+", " "]), st.datetimes().map(str)).map("".join),
            st.tuples(st.datetimes(), st.sampled_from(FIRST_FORMS)).map(lambda x: x[1](x[0])),
        ),
        max_size=12,
    ),
    workbook=st.booleans(),
)
def test_a_date_column_parses_as_the_full_parser_reads_each_cell(
    day: dt.date, form: int, cells: list[str | None], workbook: bool
) -> None:
    raw = pl.Series("day", [FIRST_FORMS[form](day), *cells], dtype=pl.String)
    source = SourceConfig(path="deals.csv", person="Owner")
    table = Table("deals", Path("deals.csv"), raw.to_frame(), ("day",))
    if workbook:
        table = Table("deals", Path("deals.xlsx"), raw.to_frame(), ("day",), encoding="xlsx")
    parsed = parse_column(raw, "date", source, table)
    full = raw.to_frame().select(parse_date(pl.col("day"), None, False, workbook)).to_series()
    assert parsed.to_list() == full.to_list()


def test_a_column_of_several_date_forms_is_read_directly(monkeypatch: Any) -> None:
    """Datetimes beside 年月日 and slashed dates: each form is read directly, in turn;
    only the cells of no usual form (a sign, a three-digit year, words) go further."""
    cells = [
        "2026-10-05 09:30:00",
        "2026年10月6日 9:30",
        "2026-10-07 17:05:59",
        "2026/10/8",
        "2026年10月9日 14:00",
        "2026/1/31",
        None,
    ]
    raw = pl.Series("day", cells * 1000, dtype=pl.String)
    source = SourceConfig(path="deals.csv", person="Owner")
    table = Table("deals", Path("deals.csv"), raw.to_frame(), ("day",))

    def no_full_parser(*args: Any) -> Any:
        raise AssertionError("the full parser was asked for")

    monkeypatch.setattr(records, "_full", no_full_parser)
    days = [dt.date(2026, 10, d) for d in (5, 6, 7, 8, 9)] + [dt.date(2026, 1, 31), None]
    assert parse_column(raw, "date", source, table).to_list() == days * 1000
    monkeypatch.undo()
    odd = pl.Series("day", [*cells, "+2026-10-10", "999/1/1", "Oct 11, 2026"], dtype=pl.String)
    assert parse_column(odd, "date", source, table).to_list()[-3:] == [
        None,  # a sign before the year: no date
        None,  # a three-digit year: no date
        dt.date(2026, 10, 11),  # a month in words: the full parser reads it
    ]


def test_amounts_beside_a_sign_and_without_one_are_read_directly(monkeypatch: Any) -> None:
    """A column of ￥ amounts with a few bare ones (0, 1,250.50) and 元 after some: each
    read directly, without the full parser, whichever kind comes first."""
    cells = ["￥12,500.00", "0", "￥-350.5", "1,250.50", "800元", None, "$1,000,000.01"]
    expected = [12500.0, 0.0, -350.5, 1250.5, 800.0, None, 1000000.01]

    def no_full_parser(*args: Any) -> Any:
        raise AssertionError("the full parser was asked for")

    monkeypatch.setattr(records, "_full", no_full_parser)
    source = SourceConfig(path="deals.csv", person="Owner")
    for first in (0, 1):  # a sign first, a bare amount first
        raw = pl.Series("amount", (cells[first:] + cells[:first]) * 500, dtype=pl.String)
        table = Table("deals", Path("deals.csv"), raw.to_frame(), ("amount",))
        currencies: dict[str, list[str]] = {}
        parsed = parse_column(raw, "number", source, table, currencies)
        assert parsed.to_list() == (expected[first:] + expected[:first]) * 500
        assert currencies == {"amount": ["CNY", "USD"]}  # ￥ and 元 are one currency, $ another


NUMBER_PIECES = st.sampled_from(
    [
        *("1", "12", "345", "1,234", "12,500.00", "0", ".5", "e5", "-", "+", "(", ")", "%", " "),
        *("¥", "\uffe5", "$", "€", "£", "US$", "C", "HK$", "USD", "RMB", "元", "万", "inf", "nan"),
        *(",", ".", "\u2212", "\u3000", "１２"),
    ]
)


@SETTINGS
@given(
    cells=st.lists(
        st.one_of(
            st.none(),
            st.lists(NUMBER_PIECES, max_size=6).map("".join),
            st.tuples(
                st.sampled_from(["", "¥", "\uffe5", "$", "€", "£"]),
                st.decimals(-(10**9), 10**9, places=2).map(lambda d: f"{d:,}"),
                st.sampled_from(["", "元", " 元", "万元", "USD"]),
            ).map("".join),
        ),
        max_size=12,
    ),
)
def test_a_number_column_parses_as_the_full_parser_reads_each_cell(
    cells: list[str | None],
) -> None:
    """Whichever cells the direct parse reads (signs such as ￥ taken off), each comes out
    as the full parser reads it, and the currencies named are those of every amount read."""
    raw = pl.Series("amount", cells, dtype=pl.String)
    source = SourceConfig(path="deals.csv", person="Owner")
    table = Table("deals", Path("deals.csv"), raw.to_frame(), ("amount",))
    currencies: dict[str, list[str]] = {}
    parsed = parse_column(raw, "number", source, table, currencies)
    full = raw.to_frame().select(parse_number(pl.col("amount"))).to_series()
    full = full.set(full.is_infinite() | full.is_nan(), None)
    assert parsed.to_list() == full.to_list()
    named = _currencies(raw.filter(full.is_not_null()))
    assert currencies.get("amount", []) == (named if len(named) > 1 else [])


@pytest.mark.parametrize(
    ("text", "point", "comma"),
    [
        ("1,234.50", 1234.5, None),
        ("12,34", None, 12.34),  # a decimal comma: never 1234
        ("12.000,50", None, 12000.5),  # never 12.0005
        ("980,25", None, 980.25),
        ("12 000,50", None, 12000.5),
        ("12\u00a0000.50", 12000.5, None),
        ("1,234,567.89", 1234567.89, None),
        ("1.234.567", None, 1234567.0),
        ("1,23,456", None, None),
        ("\u22121,234", -1234.0, -1.234),  # Unicode minus
        ("￥(1,234.00)", -1234.0, None),
        ("USD 12,000.00", 12000.0, None),
        ("1e5", 100000.0, 100000.0),
        # one kind of separator per number; a tab or a line break parts two amounts
        ("1,234 567.00", None, None),
        ("1.234 567,00", None, None),
        ("500\t300", None, None),
        ("500\n300", None, None),
        ("12 345 678", 12345678.0, 12345678.0),
    ],
)
def test_a_separator_groups_thousands_only_between_groups_of_three(
    text: str, point: float | None, comma: float | None
) -> None:
    cell = pl.lit(text, dtype=pl.String)
    assert pl.select(parse_number(cell)).item() == point
    assert pl.select(parse_number(cell, ",")).item() == comma


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # 万 is ten thousand, 亿 a hundred million, as Chinese reports write amounts
        ("1.23万", 12300.0),
        ("1.1万", 11000.0),  # not 11000.000000000002
        ("12.5万元", 125000.0),
        ("￥1.5万", 15000.0),
        ("1,234.5万", 12345000.0),
        ("2亿", 200000000.0),
        ("(1万)", -10000.0),
        # brackets make a negative only as a pair, and only without a sign of their own
        ("(￥1,234.00)", -1234.0),
        ("¥ (1,234.00)", -1234.0),
        ("￥(1,234.00", None),
        ("(1,234", None),
        ("1,234)", None),
        ("((5))", None),
        ("(-1,234)", None),
        ("-(5)", None),
        # a currency between digits is no amount: "1元2" is not 12
        ("1元2", None),
        ("5 USD 5", None),
        ("-$ 5", -5.0),
        ("万", None),
        ("1万2", None),
        # Excel's accounting format writes a zero as a dash after the currency
        ("$ -", 0.0),
        ("¥ -  ", 0.0),
        ("RMB -", 0.0),
        ("-", None),  # a dash alone is no number (a placeholder, reported)
        # currencies named in Chinese, before or after the amount
        ("人民币1,000元", 1000.0),
        ("人民币 2.5万", 25000.0),
        ("500美元", 500.0),
        ("1,200港币", 1200.0),
        ("新台币3,000", 3000.0),
    ],
)
def test_chinese_units_and_accounting_zero(text: str, value: float | None) -> None:
    assert pl.select(parse_number(pl.lit(text, dtype=pl.String))).item() == value


@pytest.mark.parametrize(
    "text",
    ["2026年10月5日星期一", "2026年10月5日 周一", "Oct 5, 2026, 2:30 PM", "Mon, 5 Oct 2026 14:30"],
)
def test_long_date_spellings_with_a_weekday_or_a_time_parse(text: str) -> None:
    # Excel's zh-CN long date appends the weekday; en-US puts a comma before the time.
    assert pl.select(parse_date(pl.lit(text, dtype=pl.String))).item() == dt.date(2026, 10, 5)


# Stage-like values, clean and not: spaces around, full-width, an invisible space, empty.
STAGE_VALUES = ["Won", "Lost", "Open", "赢单", " Won", "Ｗｏｎ", "Lost\u200b", "", "  "]


@SETTINGS
@given(
    head=st.lists(st.sampled_from([*STAGE_VALUES[:4], None]), min_size=1, max_size=6),
    tail=st.lists(st.sampled_from([*STAGE_VALUES, None]), max_size=8),
    spread=st.integers(0, 600),
)
def test_text_columns_are_cleaned_as_cell_by_cell(
    head: list[str | None], tail: list[str | None], spread: int
) -> None:
    """A column of a few values cleans as `clean_text` cleans each cell.

    Its first thousand cells are a few clean values (the column looked at first
    against those alone); later cells may be others, clean or not.
    """
    cells = (head * 1000)[:1000] + (head * 300)[:spread] + tail + (head * 2)[:2]
    raw = pl.Series("Stage", cells, dtype=pl.String)
    expected = raw.to_frame().select(clean_text(pl.col("Stage"))).to_series()
    assert clean_series(raw).to_list() == expected.to_list()


# ------------------------------------------------------------------ sheet XML scans

SHEET_BYTES = st.lists(
    st.sampled_from(
        [
            b"<",
            b"f",
            b"<f",
            b"<f>1/0</f>",
            b'<c r="B2">',
            b'<c r="C3" t="e">',
            b"<v>#N/A</v>",
            b"<v>7</v>",
            b"</c>",
            b"#",
            b"x",
            b"<is><t>fee fie foe</t></is>",
            b'<row r="4" hidden="1">',
            b"</row>",
            b"h",
            b'hidden="',
        ]
    ),
    max_size=200,
).map(b"".join)


NEEDLES = [(b"<f", 1), (b'hidden="', 0)]


@settings(max_examples=300, deadline=None)
@given(data=SHEET_BYTES, start=st.integers(0, 400), needle=st.sampled_from(NEEDLES))
def test_tags_are_found_as_bytes_find_finds_them(
    data: bytes, start: int, needle: tuple[bytes, int]
) -> None:
    # The quick look for "<f" goes by the lone "f"s (for 'hidden="', the "h"s), and
    # past a few dozen of them back to the plain search: wherever it stops, it finds
    # what bytes.find finds.
    text, rare = needle
    assert sources_excel._find_by(data, text, rare, start) == data.find(text, start)


@pytest.mark.parametrize("lone", [62, 63, 64, 65, 66])
@pytest.mark.parametrize("needle", NEEDLES)
def test_a_tag_after_many_lone_bytes_is_found(lone: int, needle: tuple[bytes, int]) -> None:
    # (inline text full of "f": the plain search takes over at the 64th lone one)
    text, rare = needle
    byte = text[rare : rare + 1]
    for data in (byte * lone + text, b"x" + byte * lone + text, byte * lone, text + byte * lone):
        for start in (0, 1, 2):
            assert sources_excel._find_by(data, text, rare, start) == data.find(text, start)


def _cells_found(data: bytes, marker: bytes) -> list[bytes]:
    """The cells holding `marker`, found with bytes.find alone (what the scan must match)."""
    cells, position = [], data.find(marker)
    while position >= 0:
        start, end = data.rfind(b"<c ", 0, position), data.find(b"</c>", position)
        if start < 0 or end < 0:
            break
        cells.append(data[start:end])
        position = data.find(marker, end)
    return cells


@settings(max_examples=300, deadline=None)
@given(data=SHEET_BYTES)
def test_formulas_and_error_cells_are_those_bytes_find_finds(data: bytes) -> None:
    formulas = [cell for cell in _cells_found(data, b"<f") if re.search(rb"<v>[^<]", cell) is None]
    assert len(sources_excel._formulas_without_value(data)) == sum(
        1 for cell in formulas if sources_excel._REF.search(cell)
    )
    errors = [
        value[1]
        for cell in _cells_found(data, b't="e"')
        if sources_excel._REF.search(cell) and (value := re.search(rb"<v>([^<]*)</v>", cell))
    ]
    # calamine refuses a sheet with an error cell that holds no error code ("7"):
    # in a sheet it loads, every error value starts with "#".
    assume(all(value.startswith(b"#") for value in errors))
    assert len(sources_excel._error_cells(data)) == len(errors)
    hidden, position = [], data.find(b'hidden="')
    while position >= 0:
        end = data.find(b">", position)
        tag = data[data.rfind(b"<", 0, position) : end]
        if tag.startswith(b"<row ") and re.search(rb'\bhidden="(?:1|true)"', tag):
            hidden += [int(n[1]) for n in [re.search(rb'\br="(\d+)"', tag)] if n]
        position = data.find(b'hidden="', max(end, position + 1))
    assert sources_excel._hidden_rows(data) == hidden
