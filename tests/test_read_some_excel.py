"""A big, wide .xlsx is loaded in part: the columns its config names, and the first.

The workbooks here are small; READ_SOME_FROM is lowered so that they are loaded in
part as a big export with many columns would be. Whatever is loaded, the report is
the one the whole sheet gives.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import fastexcel
import openpyxl
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from workbook_xml import prefixed, rewrite_sheet

from scorecard import sources_excel
from scorecard.config_load import parse_config
from scorecard.errors import SourceError
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.render.tabular import to_json
from scorecard.sources import Table

EXTRA = [f"Field {i}" for i in range(10)]
HEADER = ["Deal ID", "Owner", "Closed", "Amount", "Stage", *EXTRA]
ROWS: list[list[Any]] = [
    ["D1", "Ann", "2026-10-01", 100, "Won", *range(10)],
    ["D2", "Ann", "2026-10-02", 250, "Lost", *range(10)],
    ["D3", "Ben", "2026-10-03", 40, "Won", *range(10)],
    ["D4", "Ann", "2026-10-04", 7, "Won", *range(10)],
]


def _config(folder: Path) -> Any:
    data = {
        "sources": {"deals": {"path": "deals.xlsx", "person": "Owner", "date": "Closed"}},
        "roster": {"people": [{"person": "Ann", "team": "T"}, {"person": "Ben", "team": "T"}]},
        "kpis": {
            "won": {"source": "deals", "measure": {"sum": "Amount"}, "where": {"Stage": "Won"}}
        },
        "targets": {"defaults": {"won": 100}},
        "scorecards": {"s": {"won": 1}},
    }
    return parse_config(data, folder / "sc.yaml")


def _save(folder: Path, rows: list[list[Any]], write_only: bool = False, **edits: Any) -> None:
    book = openpyxl.Workbook(write_only=write_only)
    sheet = book.create_sheet("Deals") if write_only else book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for ref, value in edits.get("cells", {}).items():
        sheet[ref] = value
    for cells in edits.get("merged", ()):
        sheet.merge_cells(cells)
    book.save(folder / "deals.xlsx")


def _as_excel_writes_text(path: Path) -> None:
    """The sheet's text cells moved into the workbook's shared strings (as Excel saves
    them; openpyxl writes each in its cell), a rich text and a phonetic reading among them."""
    with zipfile.ZipFile(path) as archive:
        parts = {member.filename: archive.read(member) for member in archive.infolist()}
    items: list[bytes] = []

    def shared(found: re.Match[bytes]) -> bytes:
        items.append(found[2])
        return found[1] + b'"s"><v>' + str(len(items) - 1).encode() + b"</v></c>"

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'(<c\b[^>]*\bt=)"inlineStr"><is>(.*?)</is></c>', shared, parts[sheet])
    phonetic = b'<rPh sb="0" eb="1"><t>yomi</t></rPh>'
    body = b"".join(b"<si>" + item + phonetic + b"</si>" for item in items)
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
        % (len(items), len(items))
        + body
        + b"</sst>"
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    types = "[Content_Types].xml"
    parts[types] = parts[types].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)


def _table(folder: Path) -> Table:
    table = read_sources(_config(folder)).sources["deals"]
    assert isinstance(table, Table)
    return table


def _json(folder: Path) -> str:
    config = _config(folder)
    return to_json(score(config, read_sources(config), parse_period("2026-10")))


def _both(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, Table]:
    """The report of the sheet loaded whole, then in part (and the table read in part)."""
    whole = _json(folder)
    monkeypatch.setattr(sources_excel, "READ_SOME_FROM", 0)
    return whole, _json(folder), _table(folder)


@pytest.mark.parametrize("form", ["openpyxl", "write-only", "excel"])
def test_only_the_named_columns_and_the_first_are_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    # Ann won 100 + 7 (D2 was lost), Ben 40: the same report loaded whole and in part,
    # whether the text is in the cells (with or without a stated used range) or shared.
    _save(tmp_path, [HEADER, *ROWS], write_only=form == "write-only")
    if form == "excel":
        _as_excel_writes_text(tmp_path / "deals.xlsx")
    whole, in_part, table = _both(tmp_path, monkeypatch)
    assert table.headers == ("Deal ID", "Owner", "Closed", "Amount", "Stage")
    assert table.all_headers == tuple(HEADER)
    assert in_part == whole
    assert '"actual": 107' in whole and '"actual": 40' in whole


def test_error_cells_and_formulas_keep_their_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A #N/A owner (row 3) is reported where it is; a #REF! and a formula without a
    # saved value in columns nobody reads change nothing. Ann: 100 + 7.
    cells = {"B3": "#N/A", "H2": "#REF!", "J4": "=SUM(F4:G4)"}
    _save(tmp_path, [HEADER, *ROWS], cells=cells)
    whole, in_part, table = _both(tmp_path, monkeypatch)
    assert table.all_headers == tuple(HEADER)
    assert in_part == whole
    assert '"value": "#N/A"' in whole and '"actual": 107' in whole


def _stated_range(path: Path, ref: str) -> None:
    """The sheet's stated used range (`<dimension>`) set to `ref`, as Excel would write it."""
    rewrite_sheet(
        path,
        lambda xml: re.sub(
            rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref.encode() + b'"', xml
        ),
    )


@pytest.mark.parametrize(("stated", "in_part"), [("B1:P6", True), ("A1:P6", False)])
def test_a_title_above_the_table_and_a_table_right_of_column_a(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stated: str, in_part: bool
) -> None:
    # A title line, then the table from column B: loaded in part when the sheet states
    # its used range from column B, where calamine's starts; from column A (as openpyxl
    # writes it), a later row might start there: loaded whole. Ann: 100 + 7.
    rows = [[None, "Deals, October"], [None, *HEADER], *([None, *row] for row in ROWS)]
    _save(tmp_path, rows)
    _stated_range(tmp_path / "deals.xlsx", stated)
    whole, read, table = _both(tmp_path, monkeypatch)
    assert table.all_headers == (tuple(HEADER) if in_part else ())
    assert read == whole and '"actual": 107' in whole


def test_a_sheet_whose_other_columns_may_matter_is_loaded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Cells merged down a column, and a row whose first cell is empty (a label or a
    # blank row the other cells tell): every column is loaded, and the report is the same.
    _save(tmp_path, [HEADER, *ROWS], merged=("B2:B3",))
    whole, in_part, table = _both(tmp_path, monkeypatch)
    assert table.all_headers == () and in_part == whole
    monkeypatch.undo()
    _save(tmp_path, [HEADER, *ROWS, [None, None, None, 5, None, "合计"]])
    whole, in_part, table = _both(tmp_path, monkeypatch)
    assert table.all_headers == () and in_part == whole


def test_a_missing_column_is_suggested_from_every_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = [name if name != "Amount" else "Amount (CNY)" for name in HEADER]
    _save(tmp_path, [header, *ROWS])
    monkeypatch.setattr(sources_excel, "READ_SOME_FROM", 0)
    with pytest.raises(SourceError) as caught:
        _json(tmp_path)
    assert "Amount (CNY)" in str(caught.value) and "Field 9" in str(caught.value)


@pytest.mark.parametrize("shared", [False, True])
def test_the_first_rows_read_from_the_xml_are_calamines(tmp_path: Path, shared: bool) -> None:
    # Text cells as calamine loads them (line ends, entities, Excel's _x000D_ escape,
    # rich text), an error cell empty, booleans as calamine writes them; a row with a
    # number cell is unsure (a date's style is not read).
    header = ["Close\r\nDate", " Owner ", "A & B <x>", "成交金额", "x_x000D_y", "a_x005F_x000D_b"]
    rich = CellRichText(["Ri", TextBlock(InlineFont(b=True), "ch")])
    rows = [["Title"], [], [*header, rich, True], ["say <hi>", None, "#N/A", 12.5, "x", "y"]]
    _save(tmp_path, rows)
    if shared:
        _as_excel_writes_text(tmp_path / "deals.xlsx")
    data = (tmp_path / "deals.xlsx").read_bytes()
    found = sources_excel.first_rows(data, "Sheet", 40)
    assert found is not None
    loaded = fastexcel.read_excel(data).load_sheet("Sheet", header_row=None, dtypes="string")
    frame = loaded.to_polars()
    assert (len(found.rows), found.width, found.left) == (frame.height, frame.width, 1) == (4, 8, 1)
    assert found.rows[:3] == frame.rows()[:3]
    assert found.rows[3][:3] == frame.rows()[3][:3] == ("say <hi>", None, None)
    assert found.unsure == {3}


def test_a_big_wide_workbook_scores_from_the_command_line_as_loaded_whole(
    tmp_path: Path, won_in_part_and_whole: Callable[[Path, str, ModuleType], tuple[str, str]]
) -> None:
    # 8,000 rows of 15 columns, ten of them codes that hardly compress (over 1 MB):
    # loaded ahead in part, the run's report is the one the whole sheet gives. Ann won
    # 100 on each of her 4,000 rows.
    codes = random.Random(5)
    rows = [
        [
            f"D{i}",
            "Ann" if i % 2 else "Ben",
            "2026-10-05",
            100,
            "Won",
            *(f"{codes.getrandbits(128):032x}" for _ in range(10)),
        ]
        for i in range(8000)
    ]
    _save(tmp_path, [HEADER, *rows], write_only=True)
    assert (tmp_path / "deals.xlsx").stat().st_size > sources_excel.READ_SOME_FROM
    assert _table(tmp_path).headers == ("Deal ID", "Owner", "Closed", "Amount", "Stage")
    ahead, whole = won_in_part_and_whole(tmp_path, "deals.xlsx", sources_excel)
    assert '"actual": 400000' in whole
    assert ahead == whole


def _unreferenced(xml: bytes) -> bytes:  # cells placed by their order, as the format allows
    return re.sub(rb'(<c\b[^>]*?) r="[A-Z]+\d+"', rb"\1", xml)


@pytest.mark.parametrize(("change", "in_part"), [(prefixed, True), (_unreferenced, False)])
def test_sheet_xml_with_prefixes_or_without_cell_references(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Any, in_part: bool
) -> None:
    # Prefixed elements are read as plain ones; cells without references cannot be
    # placed from the first rows alone: loaded whole. The same report either way.
    _save(tmp_path, [HEADER, *ROWS], cells={"B3": "#N/A"})
    rewrite_sheet(tmp_path / "deals.xlsx", change)
    whole, read, table = _both(tmp_path, monkeypatch)
    assert table.all_headers == (tuple(HEADER) if in_part else ())
    assert read == whole and '"actual": 107' in whole and '"value": "#N/A"' in whole


def test_the_first_rows_below_empty_styled_rows_are_as_many_as_asked(tmp_path: Path) -> None:
    # Rows 1-5 hold only formatting (no values): the used range starts at row 6, and
    # its first 40 rows are read although the first 41 rows of the XML end before them.
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in range(1, 6):
        sheet.cell(row, 1).font = InlineFont(b=True)  # type: ignore[assignment]
    for index in range(60):
        sheet.append([f"D{index}", "Ann", index])
    book.save(tmp_path / "deals.xlsx")
    data = (tmp_path / "deals.xlsx").read_bytes()
    found = sources_excel.first_rows(data, "Sheet", 40)
    assert found is not None
    frame = fastexcel.read_excel(data).load_sheet("Sheet", header_row=None, dtypes="string")
    calamine = frame.to_polars().rows()[:40]
    assert [row[:2] for row in found.rows] == [row[:2] for row in calamine]
    assert found.rows[0][0] == "D0" and found.unsure == frozenset(range(40))


CELL = st.sampled_from(
    ["", " ", "x", "Ann", "合计", "小计", "10", 10, 2.5, "1,234.00", "#N/A", "=1+1", None]
)
FIRST = st.sampled_from(["D1", "D2", "D3", "", None, "合计", "Total", "导出时间：今天"])


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            FIRST,
            st.sampled_from(["Ann", "Ben", "", None, "小计"]),
            st.sampled_from(["2026-10-01", "2026-10-15", "2026-09-30", None, "合计"]),
            st.sampled_from([100, 7, "1,234.00", None, "x"]),
            st.sampled_from(["Won", "Lost", None]),
            st.lists(CELL, min_size=10, max_size=11),
        ),
        min_size=1,
        max_size=10,
    ),
    title=st.booleans(),
    shifted=st.booleans(),
)
def test_loaded_in_part_the_report_is_the_whole_sheets(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[Any, ...]],
    title: bool,
    shifted: bool,
) -> None:
    folder = tmp_path_factory.mktemp("some")
    body = [[*cells, *extra] for *cells, extra in rows]
    sheet = [*([["Deals, October"]] if title else []), HEADER, *body]
    _save(folder, [[None, *row] for row in sheet] if shifted else sheet)
    if shifted:  # (as Excel states the used range: from column B)
        _stated_range(folder / "deals.xlsx", f"B1:Q{len(sheet)}")
    try:
        whole: str | None = _json(folder)
    except SourceError as error:
        whole = str(error)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources_excel, "READ_SOME_FROM", 0)
        try:
            in_part: str | None = _json(folder)
            event("loaded in part" if _table(folder).all_headers else "loaded whole")
        except SourceError as error:
            in_part = str(error)
    assert in_part == whole
