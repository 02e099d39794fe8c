"""(Re)write the corpus of bad and odd input files: python tests/bad/make_corpus.py.

Every file is small and deterministic; tests/test_bad_inputs.py says what each one
must produce. Binary files (xlsx) are built with openpyxl and fixed timestamps.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = Path(__file__).resolve().parent / "files"
STAMP = dt.datetime(2026, 11, 1, 8, 0)
HEADER = "Owner,Stage,Amount,Close Date\n"
ROWS = "Ann,Won,100,2026-10-05\nBen,Won,200,2026-10-06\nAnn,Lost,50,2026-10-07\n"


def _save(book: openpyxl.Workbook) -> bytes:
    book.properties.created = STAMP
    book.properties.modified = STAMP
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed member timestamps, so reruns give identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 1, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-11-01T08:00:00Z",
                                 content)
            target.writestr(fixed, content)
    return out.getvalue()


def _book(rows: list[list[object]], title: str = "Deals") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book


XLSX_ROWS: list[list[object]] = [
    ["Owner", "Stage", "Amount", "Close Date"],
    ["Ann", "Won", 100, dt.date(2026, 10, 5)],
    ["Ben", "Won", 200, dt.date(2026, 10, 6)],
    ["Ann", "Lost", 50, dt.date(2026, 10, 7)],
]


def xlsx_dates() -> bytes:
    return _save(_book(XLSX_ROWS))


def xlsx_serials() -> bytes:
    # 46300 is 2026-10-05 in the 1900 system (days since 1899-12-30).
    rows = [XLSX_ROWS[0], ["Ann", "Won", 100, 46300], ["Ben", "Won", 200, 46301]]
    return _save(_book(rows))


def xlsx_1904() -> bytes:
    # In the 1904 system 44838 is 2026-10-05 (days since 1904-01-01).
    book = _book([XLSX_ROWS[0], ["Ann", "Won", 100, 44838], ["Ben", "Won", 200, 44839]])
    book.epoch = CALENDAR_MAC_1904
    return _save(book)


def xlsx_formula() -> bytes:
    rows = [XLSX_ROWS[0], ["Ann", "Won", 100, dt.date(2026, 10, 5)],
            ["Ben", "Won", "=C2*2", dt.date(2026, 10, 6)]]
    return _save(_book(rows))


def xlsx_offset() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Deals"
    for r, row in enumerate(XLSX_ROWS, start=3):
        for c, value in enumerate(row, start=2):
            sheet.cell(row=r, column=c, value=value)
    return _save(book)


def xlsx_hidden_first() -> bytes:
    book = _book([["Owner", "Stage", "Amount", "Close Date"], ["Zed", "Won", 999, "2026-10-01"]],
                 "Secret")
    book.active.sheet_state = "hidden"
    visible = book.create_sheet("Deals")
    for row in XLSX_ROWS:
        visible.append(row)
    book.active = 1
    return _save(book)


def xlsx_text_dates() -> bytes:
    rows = [XLSX_ROWS[0], ["Ann", "Won", "￥1,234.50", "2026年10月5日"],
            ["Ben", "Won", "(200)", "2026/10/6"]]
    return _save(_book(rows))


def xlsx_truncated() -> bytes:
    return xlsx_dates()[:600]


def xlsx_encrypted() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(2026, 11, 1, 8, 0, 0))
        archive.writestr(info, b"\x00" * (64 * 1024 * 1024), zipfile.ZIP_DEFLATED, 9)
    return out.getvalue()


def csv_that_is_xlsx() -> bytes:
    return xlsx_dates()


def utf16() -> bytes:
    text = (HEADER + ROWS).replace(",", "\t")
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


CASES: dict[str, bytes | Callable[[], bytes]] = {
    "utf8.csv": (HEADER + ROWS).encode(),
    "utf8-bom.csv": codecs.BOM_UTF8 + (HEADER + ROWS).encode(),
    "gb18030-chinese.csv": ("销售,阶段,金额,成交日期\n张伟,赢单,\"￥1,234.00\",2026年10月5日\n"
                            "李娜,赢单,\"￥2,000.50\",2026年10月6日\n").encode("gb18030"),
    "gbk.csv": ("Owner,Stage,Amount,Close Date\n张伟,Won,100,2026-10-05\n").encode("gbk"),
    "utf16-tab.txt": utf16,
    "semicolon.csv": (HEADER + ROWS).replace(",", ";").encode(),
    "tab.tsv": (HEADER + ROWS).replace(",", "\t").encode(),
    "pipe.csv": (HEADER + ROWS).replace(",", "|").encode(),
    "quoted-newlines.csv": (HEADER + 'Ann,"Won",100,2026-10-05\n"Ben\nLi",Won,200,2026-10-06\n'
                            "Ann,Won,7,2026-10-07\n").encode(),
    "nul-bytes.csv": (HEADER + "Ann,Won,1\x0000,2026-10-05\n").encode(),
    "ragged-extra.csv": (HEADER + "Ann,Won,100,2026-10-05,oops,more\nBen,Won,200,2026-10-06\n"
                         ).encode(),
    "ragged-short.csv": (HEADER + "Ann,Won,100,2026-10-05\nBen,Won\n").encode(),
    "preamble.csv": ("Deal report\nExported 2026-11-01 by CRM\n" + HEADER + ROWS).encode(),
    "header-row-3.csv": ("x,y,z,w\nnotes,,,\n" + HEADER + ROWS).encode(),
    "blank-lines.csv": (HEADER + "Ann,Won,100,2026-10-05\n\n,,,\nBen,Won,200,2026-10-06\n"
                        ).encode(),
    "trailing-empty-columns.csv": ("Owner,Stage,Amount,Close Date,,\n"
                                   "Ann,Won,100,2026-10-05,,\n").encode(),
    "totals-heji.csv": (HEADER + ROWS + "合计,,350,\n").encode(),
    "totals-grand-total.csv": (HEADER + ROWS + "Grand Total,,350,\n").encode(),
    "unknown-people.csv": (HEADER + ROWS + "Zed,Won,5,2026-10-08\nZed,Won,6,2026-10-09\n"
                           "Former Rep,Won,7,2026-10-10\n").encode(),
    "full-width-names.csv": (HEADER + "Ａｎｎ,Won,100,2026-10-05\n ann ,Won,1,2026-10-05\n"
                             ).encode(),
    "bad-number.csv": (HEADER + "Ann,Won,12abc,2026-10-05\nAnn,Won,100,2026-10-06\n").encode(),
    "negative-parentheses.csv": (HEADER + 'Ann,Won,"(1,234)",2026-10-05\n').encode(),
    "percent.csv": ("Owner,Rate,Close Date\nAnn,35%,2026-10-05\nAnn,45%,2026-10-06\n").encode(),
    "decimal-comma.csv": ("Owner;Stage;Amount;Close Date\nAnn;Won;1.234,50;2026-10-05\n"
                          "Ann;Won;€1.000,25;2026-10-06\n").encode(),
    "date-forms.csv": (HEADER + "Ann,Won,1,2026/10/5\nAnn,Won,2,2026.10.06\nAnn,Won,4,20261007\n"
                       "Ann,Won,8,2026-10-08 13:45:00\nAnn,Won,16,2026年10月9日\n").encode(),
    "ambiguous-dates.csv": (HEADER + "Ann,Won,100,05/10/2026\nAnn,Won,1,2026-10-05\n").encode(),
    "us-dates.csv": (HEADER + "Ann,Won,100,10/05/2026\nBen,Won,200,10/31/2026\n").encode(),
    "invalid-date.csv": (HEADER + "Ann,Won,100,2026-02-30\nAnn,Won,1,2026-10-05\n").encode(),
    "empty-dates.csv": (HEADER + "Ann,Won,100,\nAnn,Open,5,\nAnn,Won,1,2026-10-05\n").encode(),
    "duplicate-header-used.csv": ("Owner,Amount,Amount,Close Date\nAnn,1,2,2026-10-05\n").encode(),
    "duplicate-header-unused.csv": ("Owner,Note,Note,Amount,Close Date\nAnn,a,b,5,2026-10-05\n"
                                    ).encode(),
    "missing-column.csv": ("Owner,Stage,Amont,Close Date\nAnn,Won,1,2026-10-05\n").encode(),
    "messy-headers.csv": (" OWNER ,stage,ＡＭＯＵＮＴ,close date \nAnn,Won,100,2026-10-05\n"
                          ).encode(),
    "empty.csv": b"",
    "header-only.csv": HEADER.encode(),
    "history.csv": ("Deal,Owner,Stage,Amount,Changed,Close Date\n"
                    "D1,Ann,Open,100,2026-10-01,2026-10-20\nD1,Ann,Won,150,2026-10-15,2026-10-20\n"
                    "D2,Ben,Won,90,2026-10-03,2026-10-05\nD2,Ben,Lost,0,2026-10-09,2026-10-05\n"
                    ).encode(),
    "xlsx-dates.xlsx": xlsx_dates,
    "xlsx-serials.xlsx": xlsx_serials,
    "xlsx-1904.xlsx": xlsx_1904,
    "xlsx-formula.xlsx": xlsx_formula,
    "xlsx-offset.xlsx": xlsx_offset,
    "xlsx-hidden-first.xlsx": xlsx_hidden_first,
    "xlsx-text-values.xlsx": xlsx_text_dates,
    "xlsx-truncated.xlsx": xlsx_truncated,
    "xlsx-encrypted.xlsx": xlsx_encrypted,
    "zip-bomb.xlsx": zip_bomb,
    "really-xlsx.csv": csv_that_is_xlsx,
    "really-csv.xlsx": (HEADER + ROWS).encode(),
}


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    for name, content in CASES.items():
        data = content() if callable(content) else content
        (HERE / name).write_bytes(data)
        print(f"wrote {name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
