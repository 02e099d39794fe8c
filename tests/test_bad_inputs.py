"""The corpus of bad and odd exports (tests/bad/files, rebuilt by tests/bad/make_corpus.py):
what each file must produce — the values read, the issue and its row, or the one-line error."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from scorecard.config_load import load_config, parse_config
from scorecard.errors import ConfigError, ScorecardError, SourceError
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.report import Report
from scorecard.sources import FileSpec, read_table

ROOT = Path(__file__).resolve().parents[1]
FILES = ROOT / "tests" / "bad" / "files"


@dataclass
class Case:
    """A corpus file, how the config reads it, and what must come out."""

    file: str
    amounts: dict[str, float | None] = field(default_factory=dict)
    issues: list[tuple[str, int | None]] = field(default_factory=list)
    source: dict[str, Any] = field(default_factory=dict)
    people: tuple[str, ...] = ("Ann", "Ben")
    amount: str = "Amount"
    measure: str = "sum"
    error: str | None = None


CASES = [
    Case("utf8.csv", {"Ann": 150, "Ben": 200}),
    Case("utf8-bom.csv", {"Ann": 150, "Ben": 200}),
    Case(
        "gb18030-chinese.csv",
        {"张伟": 1234.0, "李娜": 2000.5},
        source={"person": "销售", "date": "成交日期"},
        people=("张伟", "李娜"),
        amount="金额",
    ),
    Case("gbk.csv", {"张伟": 100}, people=("张伟",)),
    Case("utf16-tab.txt", {"Ann": 150, "Ben": 200}),
    Case("semicolon.csv", {"Ann": 150, "Ben": 200}),
    Case("tab.tsv", {"Ann": 150, "Ben": 200}),
    Case("pipe.csv", {"Ann": 150, "Ben": 200}),
    # "Ben\nLi" (row 3) is one quoted cell naming nobody; Ann's rows 2 and 4 count.
    Case("quoted-newlines.csv", {"Ann": 107, "Ben": 0}, [("unknown-person", 3)]),
    Case("nul-bytes.csv", {"Ann": 100}, [("nul-bytes", None)]),
    Case("ragged-extra.csv", {"Ann": 100, "Ben": 200}, [("ragged-row", 2)]),
    Case("ragged-short.csv", {"Ann": 100, "Ben": 0}, [("missing-date", None)]),
    Case("preamble.csv", {"Ann": 150, "Ben": 200}, [("header-row", 3)]),
    Case("header-row-3.csv", {"Ann": 150, "Ben": 200}, source={"header_row": 3}),
    Case("blank-lines.csv", {"Ann": 100, "Ben": 200}),
    Case("trailing-empty-columns.csv", {"Ann": 100}),
    Case("totals-heji.csv", {"Ann": 150, "Ben": 200}, [("totals-row", 5)]),
    Case("totals-grand-total.csv", {"Ann": 150, "Ben": 200}, [("totals-row", 5)]),
    Case(
        "unknown-people.csv",
        {"Ann": 150, "Ben": 200},
        [("unknown-person", 7), ("unknown-person", 5)],
    ),
    Case("full-width-names.csv", {"Ann": 101}),
    # The bad cell leaves the row out of the sum only: Ann's rows still count 2.
    Case("bad-number.csv", {"Ann": 100}, [("bad-number", 2)]),
    Case("negative-parentheses.csv", {"Ann": -1234}),
    Case("percent.csv", {"Ann": 0.40}, amount="Rate", measure="mean"),
    Case("decimal-comma.csv", {"Ann": 2234.75}, source={"decimal": ","}),
    Case("date-forms.csv", {"Ann": 31}),
    Case("ambiguous-dates.csv", {"Ann": 1}, [("ambiguous-date", 2)]),
    Case("us-dates.csv", {"Ann": 100, "Ben": 200}, source={"date_format": "%m/%d/%Y"}),
    Case("invalid-date.csv", {"Ann": 1}, [("bad-date", 2)]),
    Case("empty-dates.csv", {"Ann": 1}, [("missing-date", None)]),
    Case("duplicate-header-used.csv", error="the header 'Amount' appears more than once"),
    Case("duplicate-header-unused.csv", {"Ann": 5}),
    Case(
        "missing-column.csv",
        error="no column 'Amount' (source 'deals') — did you mean 'Amont'?"
        " Available headers: Owner, Stage, Amont, Close Date.",
    ),
    Case("messy-headers.csv", {"Ann": 100}),
    Case("empty.csv", error="no header row at row 1"),
    Case("header-only.csv", {"Ann": 0, "Ben": 0}),
    Case(
        "history.csv",
        {"Ann": 150, "Ben": 0},
        [("deduplicated", None)],
        source={"dedupe": {"key": ["Deal"], "order_by": "Changed"}},
    ),
    Case("xlsx-dates.xlsx", {"Ann": 150, "Ben": 200}),
    Case("xlsx-serials.xlsx", {"Ann": 100, "Ben": 200}),
    Case("xlsx-1904.xlsx", {"Ann": 100, "Ben": 200}),
    Case("xlsx-formula.xlsx", {"Ann": 100, "Ben": 0}, [("formula-without-value", 3)]),
    Case("xlsx-offset.xlsx", {"Ann": 150, "Ben": 200}),
    Case("xlsx-hidden-first.xlsx", {"Ann": 150, "Ben": 200}),
    Case("xlsx-text-values.xlsx", {"Ann": 1234.5, "Ben": -200}),
    Case("xlsx-truncated.xlsx", error="not a valid Excel workbook"),
    Case("xlsx-encrypted.xlsx", error="password-protected"),
    Case("zip-bomb.xlsx", error="refusing to open it"),
    Case("really-xlsx.csv", {"Ann": 150, "Ben": 200}, [("format-mismatch", None)]),
    Case("really-csv.xlsx", {"Ann": 150, "Ben": 200}, [("format-mismatch", None)]),
    Case(
        "xlsx-dates.xlsx",
        error="no sheet 'Deels' — did you mean 'Deals'?",
        source={"sheet": "Deels"},
    ),
    Case("xlsx-dates.xlsx", {"Ann": 150, "Ben": 200}, source={"sheet": 1}),
]


def _config(case: Case, tmp_path: Path) -> dict[str, Any]:
    source = {"path": str(FILES / case.file), "person": "Owner", "date": "Close Date"}
    source |= case.source
    return {
        "sources": {"deals": source},
        "roster": {"people": [{"person": p, "team": "T"} for p in case.people]},
        "kpis": {
            "amount": {"source": "deals", "measure": {case.measure: case.amount}},
            "rows": {"source": "deals", "measure": {"count": "rows"}},
        },
        "targets": {"defaults": {"amount": 1, "rows": 1}},
        "scorecards": {"s": {"amount": 1, "rows": 1}},
    }


def _score(case: Case, tmp_path: Path) -> Report:
    config = parse_config(_config(case, tmp_path), tmp_path / "sc.yaml")
    return score(config, read_sources(config), parse_period("2026-10"))


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.file}{'-' + str(c.source) if c.source else ''}" for c in CASES]
)
def test_corpus(case: Case, tmp_path: Path) -> None:
    assert (FILES / case.file).exists(), "run python tests/bad/make_corpus.py"
    if case.error:
        with pytest.raises(SourceError) as raised:
            _score(case, tmp_path)
        assert case.error in str(raised.value)
        assert "\n" not in str(raised.value)
        return
    report = _score(case, tmp_path)
    amounts = {p.person: next(k.actual for k in p.kpis if k.id == "amount") for p in report.people}
    for person, expected in case.amounts.items():
        assert amounts[person] == pytest.approx(expected), person
    found = [(i.code, i.row) for i in report.issues]
    assert sorted(found, key=str) == sorted(case.issues, key=str)


def test_bad_cells_keep_the_row_for_other_measures(tmp_path: Path) -> None:
    report = _score(Case("bad-number.csv"), tmp_path)
    ann = next(p for p in report.people if p.person == "Ann")
    assert next(k.actual for k in ann.kpis if k.id == "rows") == 2
    [bad] = report.issues
    assert (bad.source, bad.row, bad.column, bad.value) == ("deals", 2, "Amount", "12abc")


def test_unknown_spellings_are_counted(tmp_path: Path) -> None:
    report = _score(Case("unknown-people.csv"), tmp_path)
    messages = sorted(i.message for i in report.issues)
    assert messages == [
        "1 row(s) name 'Former Rep', who is not in the roster (rows 7); they score no one",
        "2 row(s) name 'Zed', who is not in the roster (rows 5, 6); they score no one",
    ]


def test_row_numbers_follow_the_sheet(tmp_path: Path) -> None:
    table = read_table(FileSpec("deals", FILES / "xlsx-offset.xlsx", expect=("Owner",)))
    assert table.frame["__row"].to_list() == [4, 5, 6]  # header in row 3, data from row 4
    quoted = read_table(FileSpec("deals", FILES / "quoted-newlines.csv", expect=("Owner",)))
    assert quoted.frame["__row"].to_list() == [2, 3, 4]  # a record, not a line, per row


def test_hidden_sheet_only_when_named(tmp_path: Path) -> None:
    hidden = read_table(FileSpec("deals", FILES / "xlsx-hidden-first.xlsx", sheet="Secret"))
    assert hidden.frame["Owner"].to_list() == ["Zed"]


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="aliases expand to more than"):
        load_config(path)


CLI_CASES = [
    ("duplicate-header-used.csv", 1, "appears more than once"),
    ("missing-column.csv", 1, "did you mean 'Amont'?"),
    ("xlsx-truncated.xlsx", 1, "not a valid Excel workbook"),
    ("xlsx-encrypted.xlsx", 1, "password-protected"),
    ("zip-bomb.xlsx", 1, "refusing to open it"),
    ("empty.csv", 1, "no header row"),
]


@pytest.mark.parametrize(("file", "code", "message"), CLI_CASES)
def test_cli_errors(file: str, code: int, message: str, tmp_path: Path) -> None:
    import yaml

    config = _config(Case(file), tmp_path)
    path = tmp_path / "sc.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "scorecard", "run", str(path), "--period", "2026-10", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.returncode == code
    assert done.stdout == ""
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1


def test_errors_are_the_tools_own() -> None:
    assert issubclass(SourceError, ScorecardError)


# ------------------------------------------------------------------ properties

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = [
    b"a",
    b",",
    b";",
    b'"',
    b"\n",
    b"\r",
    b"\t",
    b"\x00",
    b"\xff",
    "中".encode(),
    b" ",
    b"1",
    b"|",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"PK\x03\x04",
    b"Owner",
    b"Amount",
    b"2026-10-05",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_arbitrary_bytes_raise_only_the_tools_errors(
    tmp_path: Path, pieces: list[bytes], suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(b"".join(pieces))
    try:
        read_table(FileSpec("deals", path, expect=("Owner",)))
    except ScorecardError:
        pass


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Ann", "Ben", " ann", "", "Zed", "=1+1"]),
            st.text(max_size=8),
            st.text(max_size=12),
        ),
        max_size=12,
    )
)
def test_arbitrary_cells_score_without_crashing(
    tmp_path: Path, rows: list[tuple[str, str, str]]
) -> None:
    import csv

    path = tmp_path / "cells.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Owner", "Amount", "Close Date"])
        writer.writerows(rows)
    config = parse_config(
        {
            "sources": {"deals": {"path": str(path), "person": "Owner", "date": "Close Date"}},
            "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "T"}]},
            "kpis": {
                "amount": {"source": "deals", "measure": {"sum": "Amount"}},
                "avg": {
                    "source": "deals",
                    "measure": {"mean": "Amount"},
                    "where": {"Amount": {"gt": 0}},
                },
            },
            "targets": {"defaults": {"amount": 1, "avg": 1}},
            "scorecards": {"s": {"amount": 1, "avg": 1}},
        },
        tmp_path / "sc.yaml",
    )
    try:
        report = score(config, read_sources(config), parse_period("2026-10"))
    except ScorecardError:
        return
    for person in report.people:
        assert person.total is None or 0 <= person.total <= 120
