"""A wide CSV export is read in part: the columns its config names, and the first.

Files here are small; READ_SOME_FROM and READ_SOME_SHARE are lowered so that they are
read in part as a big export with many columns would be. Whatever is read, the
report is the one the whole file gives.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from scorecard import sources, sources_csv
from scorecard.config_load import parse_config
from scorecard.errors import SourceError
from scorecard.filespec import FileSpec, wanted_headers
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.render.tabular import to_json

HEADER = ["Deal ID", "Owner", "Note", "Closed", "Region", "Amount", "Stage", "Extra"]
ROWS = [
    ["D1", "Ann", "call", "2026-10-01", "East", "100", "Won", "x"],
    ["D2", "Ann", "", "2026-10-02", "West", "250", "Lost", ""],
    ["D3", "Ben", "visit", "2026-10-03", "East", "40", "Won", "y"],
]


def _config(folder: Path, summed: str = "Amount") -> Any:
    data = {
        "sources": {
            "deals": {"path": "deals.csv", "person": "Owner", "date": "Closed"},
        },
        "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "T"}]},
        "kpis": {"won": {"source": "deals", "measure": {"sum": summed}, "where": {"Stage": "Won"}}},
        "targets": {"defaults": {"won": 100}},
        "scorecards": {"s": {"won": 1}},
    }
    return parse_config(data, folder / "sc.yaml")


def _write(folder: Path, rows: list[list[str]], encoding: str = "utf-8", text: str = "") -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (folder / "deals.csv").write_bytes((text or buffer.getvalue()).encode(encoding))


def _in_part(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources_csv, "READ_SOME_FROM", 0)
    monkeypatch.setattr(sources, "READ_SOME_SHARE", 1.0)


def _table(folder: Path) -> sources.Table:
    table = read_sources(_config(folder)).sources["deals"]
    assert isinstance(table, sources.Table)
    return table


def _json(folder: Path) -> str:
    config = _config(folder)
    return to_json(score(config, read_sources(config), parse_period("2026-10")))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_only_the_named_columns_and_the_first_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    # Ann won 100 (D2 was lost), Ben 40: the same report read whole and in part.
    _write(tmp_path, [HEADER, *ROWS], encoding)
    whole = _json(tmp_path)
    _in_part(monkeypatch)
    table = _table(tmp_path)
    assert table.headers == ("Deal ID", "Owner", "Closed", "Amount", "Stage")
    assert table.all_headers == tuple(HEADER)
    assert _json(tmp_path) == whole
    assert '"actual": 100' in whole and '"actual": 40' in whole


def test_a_file_of_few_columns_or_a_small_file_is_read_whole(tmp_path: Path) -> None:
    # 5 of 8 columns read: more than half, and the file is under 1 MB anyway.
    _write(tmp_path, [HEADER, *ROWS])
    assert _table(tmp_path).all_headers == ()


def test_a_missing_column_is_suggested_from_every_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_part(monkeypatch)
    _write(tmp_path, [HEADER, *ROWS])
    config = _config(tmp_path, summed="Regoin")  # (a typo of an unread column)
    with pytest.raises(SourceError) as caught:
        score(config, read_sources(config), parse_period("2026-10"))
    assert "did you mean 'Region'" in str(caught.value)
    assert "Note" in str(caught.value) and "Extra" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        (
            "first cell empty",
            "Deal ID,Owner,Note,Closed,Region,Amount,Stage,Extra\n"
            "D1,Ann,,2026-10-01,East,100,Won,\n,小计,,,,100,,\n",
            "a row without a first cell may be labelled in a later one",
        ),
        (
            "footer",
            "Deal ID,Owner,Note,Closed,Region,Amount,Stage,Extra\n"
            "D1,Ann,,2026-10-01,East,100,Won,\n导出时间：2026-11-01,,,,,,,\n",
            "the last row may be a footer line",
        ),
        (
            "ragged",
            "Deal ID,Owner,Note,Closed,Region,Amount,Stage,Extra\n"
            "D1,Ann,,2026-10-01,East,100,Won,,late\n",
            "a row wider than the first",
        ),
        (
            "quote on two lines",
            'Deal ID,Owner,Note,Closed,Region,Amount,Stage,Extra\nD1,Ann,"a\nb",2026-10-01,'
            "East,100,Won,\nD2,Ann,,2026-10-02,East,5,Won,\n",
            "a line is not a row",
        ),
    ],
)
def test_a_file_whose_other_columns_may_matter_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, reason: str
) -> None:
    _write(tmp_path, [], text=text)
    whole = _json(tmp_path)
    _in_part(monkeypatch)
    assert _table(tmp_path).all_headers == (), reason
    assert _json(tmp_path) == whole


def test_a_preamble_wider_than_the_header_keeps_a_ragged_rows_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The title line is 10 cells wide; row 4's note in a ninth cell is reported, and
    # the row counts (Ann 100 + 7).
    text = (
        "Deals by owner,,,,,,,,,\n" + ",".join(HEADER) + "\n"
        "D1,Ann,,2026-10-01,East,100,Won,\nD2,Ann,,2026-10-02,East,7,Won,,call back\n"
    )
    _write(tmp_path, [], text=text)
    whole = _json(tmp_path)
    _in_part(monkeypatch)
    assert _json(tmp_path) == whole
    assert '"ragged-row"' in whole and '"actual": 107' in whole


@pytest.mark.parametrize("rows", [150, 1000])
def test_the_first_rows_are_told_from_the_first_megabyte_or_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int
) -> None:
    # With "a megabyte" of 8 KB, 1,000 rows of about 50 bytes hold 200 rows in it; 150
    # rows of 100-byte notes do not, and are told from the whole file. Either way the
    # file is read in part, and Ann's won amounts add up: 1 for every other row.
    monkeypatch.setattr(sources_csv, "PREFIX", 8192)
    note = "n" * (100 if rows == 150 else 1)
    body = [
        [f"D{i}", "Ann", note, "2026-10-01", "East", "1", "Won" if i % 2 else "Lost", ""]
        for i in range(rows)
    ]
    _write(tmp_path, [HEADER, *body])
    assert (tmp_path / "deals.csv").stat().st_size > 8192
    whole = _json(tmp_path)
    _in_part(monkeypatch)
    assert _table(tmp_path).all_headers == tuple(HEADER)
    assert _json(tmp_path) == whole
    assert f'"actual": {rows // 2}' in whole


CELL = st.sampled_from(["", " ", "x", "Ann", "Ben", "合计", "小计", "10", "1,234.00", 'say "hi"'])
FIRST = st.sampled_from(["D1", "D2", "D3", "D4", "D5", "D6", "", "合计", "导出时间：今天"])
DATE = st.sampled_from(["2026-10-01", "2026-10-15", "2026-09-30", "", "合计"])


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(
        st.tuples(FIRST, st.sampled_from(["Ann", "Ben", "", "小计"]), CELL, DATE, CELL, CELL),
        min_size=1,
        max_size=12,
    ),
    stage=st.lists(st.sampled_from(["Won", "Lost", ""]), min_size=12, max_size=12),
    extra=st.lists(st.sampled_from([*[[]] * 8, ["late"], [""]]), min_size=12, max_size=12),
    title=st.booleans(),
)
def test_read_in_part_the_report_is_the_whole_files(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, ...]],
    stage: list[str],
    extra: list[list[str]],
    title: bool,
) -> None:
    folder = tmp_path_factory.mktemp("some")
    body = [
        [first, owner, note, day, region, amount, won, "e", *more]
        for (first, owner, note, day, region, amount), won, more in zip(
            rows, stage, extra, strict=False
        )
    ]
    _write(
        folder, [*([["Deals", "", "", "", "", "", "", "", "", ""]] if title else []), HEADER, *body]
    )
    try:
        whole: str | None = _json(folder)
    except SourceError as error:
        whole = str(error)
    with pytest.MonkeyPatch.context() as patch:
        _in_part(patch)
        try:
            in_part: str | None = _json(folder)
            event("read in part" if _table(folder).all_headers else "read whole")
        except SourceError as error:
            in_part = str(error)
    assert in_part == whole


def test_the_headers_a_config_names_include_a_formulas_columns() -> None:
    source = {"person": "Owner", "columns": {"net": "[成交 金额] * (1 - Discount)"}}
    kpi = {"measure": {"sum": "net"}, "where": {"Stage": {"in": ["Won"]}}}
    assert {"owner", "成交 金额", "discount", "net", "stage", "won"} <= wanted_headers(
        source, [kpi]
    )


def test_a_read_of_more_columns_serves_a_run_that_wants_fewer() -> None:
    wide = FileSpec("deals", Path("deals.csv"), wanted=frozenset({"owner", "amount"}))
    narrow = replace(wide, wanted=frozenset({"owner"}))
    assert wide.serves(narrow) and not narrow.serves(wide)
    assert replace(wide, wanted=None).serves(wide) and not wide.serves(replace(wide, wanted=None))
    assert not wide.serves(replace(narrow, encoding="gb18030"))


def test_a_big_wide_export_scores_from_the_command_line_as_read_whole(
    tmp_path: Path, won_in_part_and_whole: Callable[[Path, str, ModuleType], tuple[str, str]]
) -> None:
    # 20,000 rows of 20 columns (over 1 MB): read ahead in part, the run's report is
    # the one the whole file gives. Ann won 100 on each of her 10,000 rows.
    header = [*HEADER, *(f"Field {i}" for i in range(12))]
    rows = [
        [f"D{i}", "Ann" if i % 2 else "Ben", "", "2026-10-05", "East", "100", "Won", "", *"x" * 12]
        for i in range(20000)
    ]
    _write(tmp_path, [header, *rows])
    assert (tmp_path / "deals.csv").stat().st_size > sources_csv.READ_SOME_FROM
    assert _table(tmp_path).headers == ("Deal ID", "Owner", "Closed", "Amount", "Stage")
    ahead, whole = won_in_part_and_whole(tmp_path, "deals.csv", sources_csv)
    assert '"actual": 1000000' in whole
    assert ahead == whole
