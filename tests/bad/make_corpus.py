"""(Re)write the corpus of bad and odd input files: python tests/bad/make_corpus.py.

One file per case in tests/bad/files/; tests/test_bad_inputs.py says what each must
produce. Every file is small and deterministic (stdlib + openpyxl only): workbooks
are re-zipped with fixed timestamps, so a rerun gives the same bytes and a change
to a binary file shows up as a change to this script.

`python tests/bad/make_corpus.py --check` rewrites nothing and exits 1 when a file
on disk differs from what this script produces.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = Path(__file__).resolve().parent / "files"
ZIP_TIME = (2026, 11, 1, 8, 0, 0)
HEADER = "Owner,Stage,Amount,Close Date\n"
# The clean rows most cases start from: Ann 100 + 50 (two rows), Ben 200 (one row).
ROWS = "Ann,Won,100,2026-10-05\nBen,Won,200,2026-10-06\nAnn,Lost,50,2026-10-07\n"
CLEAN = HEADER + ROWS


# ------------------------------------------------------------------ workbooks


def _rezip(data: bytes, edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The same zip with fixed timestamps (and parts optionally edited): identical reruns."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-11-01T08:00:00Z", content
                )
            if edit is not None:
                content = edit(info.filename, content)
            target.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _save(book: openpyxl.Workbook, edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    book.properties.created = dt.datetime(2026, 11, 1, 8, 0)
    book.properties.modified = dt.datetime(2026, 11, 1, 8, 0)
    buffer = io.BytesIO()
    book.save(buffer)
    return _rezip(buffer.getvalue(), edit)


def _book(rows: list[list[object]], title: str = "Deals") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book


XLSX_HEADER: list[object] = ["Owner", "Stage", "Amount", "Close Date"]
XLSX_ROWS: list[list[object]] = [
    XLSX_HEADER,
    ["Ann", "Won", 100, dt.date(2026, 10, 5)],
    ["Ben", "Won", 200, dt.date(2026, 10, 6)],
    ["Ann", "Lost", 50, dt.date(2026, 10, 7)],
]


def xlsx_dates() -> bytes:
    """Real date cells, one of them a date-time late on the last day of the month."""
    rows = [*XLSX_ROWS, ["Ben", "Won", 8, dt.datetime(2026, 10, 31, 23, 30)],
            ["Ben", "Won", 16, dt.datetime(2026, 11, 1, 0, 0)]]
    return _save(_book(rows))


def xlsx_serials() -> bytes:
    # Numbers, not dates: 46300 is 2026-10-05 in the 1900 system (days since 1899-12-30).
    rows = [XLSX_HEADER, ["Ann", "Won", 100, 46300], ["Ben", "Won", 200, 46301],
            ["Ann", "Won", 7, 46330]]  # 2026-11-04
    return _save(_book(rows))


def xlsx_1904_serials() -> bytes:
    # In the 1904 system 44838 is 2026-10-05 (days since 1904-01-01); as 1900 serials
    # these numbers would fall in 2022. One is a number cell, one is text.
    book = _book([XLSX_HEADER, ["Ann", "Won", 100, 44838], ["Ben", "Won", 200, "44839"]])
    book.epoch = CALENDAR_MAC_1904
    return _save(book)


def xlsx_1904_dates() -> bytes:
    """Real date cells in a workbook that counts from 1904 (old Excel for Mac)."""
    book = _book(XLSX_ROWS)
    book.epoch = CALENDAR_MAC_1904
    return _save(book)


def xlsx_formula() -> bytes:
    # openpyxl writes formulas without a cached result: what a generated report looks
    # like until someone opens and saves it in Excel.
    rows = [XLSX_HEADER, ["Ann", "Won", 100, dt.date(2026, 10, 5)],
            ["Ben", "Won", "=C2*2", dt.date(2026, 10, 6)],
            ["Ben", "Won", 200, dt.date(2026, 10, 7)]]
    return _save(_book(rows))


def xlsx_formula_cached() -> bytes:
    """The same formula, with the result Excel saves next to it."""
    rows = [XLSX_HEADER, ["Ann", "Won", 100, dt.date(2026, 10, 5)],
            ["Ben", "Won", "=C2*2", dt.date(2026, 10, 6)]]

    def cache(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            content = re.sub(rb"<f>C2\*2</f><v\s*(/>|></v>)", b"<f>C2*2</f><v>200</v>", content)
            assert b"<v>200</v>" in content
        return content

    return _save(_book(rows), cache)


def xlsx_offset() -> bytes:
    """The table starts at B3; row 5 holds a bad number (its issue must say row 5)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Deals"
    rows = [XLSX_HEADER, ["Ann", "Won", 100, dt.date(2026, 10, 5)],
            ["Ben", "Won", "12abc", dt.date(2026, 10, 6)], ["Ben", "Won", 200, dt.date(2026, 10, 7)]]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=2):
            sheet.cell(row=r, column=c, value=value)
    return _save(book)


def xlsx_hidden_first() -> bytes:
    """A hidden sheet of someone else's rows first; then two visible sheets."""
    book = _book([XLSX_HEADER, ["Zed", "Won", 999, dt.date(2026, 10, 1)]], "Secret")
    book.active.sheet_state = "hidden"
    deals = book.create_sheet("Deals")
    for row in XLSX_ROWS:
        deals.append(row)
    notes = book.create_sheet("Notes")
    notes.append(["Owner", "Note"])
    book.active = 1
    return _save(book)


def xlsx_two_sheets() -> bytes:
    """A summary sheet first, the data second (picked by `sheet: 2`)."""
    book = _book([["Owner", "Total"], ["Ann", 150], ["Ben", 200]], "Summary")
    deals = book.create_sheet("Deals")
    for row in XLSX_ROWS:
        deals.append(row)
    return _save(book)


def xlsx_cover_sheet() -> bytes:
    """A notes tab first (a title line, then nothing), the data on the second tab."""
    book = _book([["销售业绩导出 Sales export"], [], ["导出时间 2026-11-01"]], "说明")
    deals = book.create_sheet("数据")
    for row in XLSX_ROWS:
        deals.append(row)
    return _save(book)


def xlsx_empty_first() -> bytes:
    """An empty first tab, the data on the second."""
    book = _book([], "Sheet1")
    deals = book.create_sheet("Deals")
    for row in XLSX_ROWS:
        deals.append(row)
    return _save(book)


def xlsx_text_values() -> bytes:
    """Numbers and dates typed as text, as CRM exports write them into Excel."""
    rows = [XLSX_HEADER, ["张伟", "Won", "￥1,234.50", "2026年10月5日"],
            ["Ben", "Won", "(200)", "2026/10/6"], ["Ben", "Won", "$1,000", "2026-10-07 09:30"]]
    return _save(_book(rows))


def xlsx_title_row() -> bytes:
    """A report title in row 1, the header in row 2."""
    return _save(_book([["Deals report — October 2026"], *XLSX_ROWS]))


def xlsx_error_cells() -> bytes:
    rows = [*XLSX_ROWS, ["Ben", "Won", "#N/A", dt.date(2026, 10, 8)],
            ["Ben", "Won", "#DIV/0!", dt.date(2026, 10, 9)]]
    return _save(_book(rows))


def xlsx_totals() -> bytes:
    return _save(_book([*XLSX_ROWS, ["Total", None, 350, None]]))


def xlsm() -> bytes:
    return xlsx_dates()


def xlsx_billion_laughs() -> bytes:
    """The sheet's XML declares entities that would expand to a billion 'lol's."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    doctype = ("<!DOCTYPE worksheet [" + "".join(entities) + "]>").encode()

    def bomb(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            head, sep, rest = content.partition(b"?>")
            content = head + sep + doctype + rest
            content = content.replace(b"<t>Ann</t>", b"<t>&lol9;</t>", 1)
            assert b"&lol9;" in content
        return content

    # openpyxl writes strings inline, so the entity sits in the sheet part itself.
    return _save(_book([XLSX_HEADER, ["Ann", "Won", 100, dt.date(2026, 10, 5)]]), bomb)


def xlsx_external_entity() -> bytes:
    """The sheet's XML asks for a local file's contents as an entity (XXE)."""
    doctype = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'

    def xxe(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            head, sep, rest = content.partition(b"?>")
            content = head + sep + doctype + rest
            content = content.replace(b"<t>Ann</t>", b"<t>&xxe;</t>", 1)
            assert b"&xxe;" in content
        return content

    return _save(_book([XLSX_HEADER, ["Ann", "Won", 100, dt.date(2026, 10, 5)]]), xxe)


def xlsx_date_format_mixed() -> bytes:
    """Real date cells and US dates typed as text in one column (read with `date_format`)."""
    rows = [XLSX_HEADER, ["Ann", "Won", 100, dt.date(2026, 10, 5)],
            ["Ben", "Won", 200, "10/06/2026"], ["Ann", "Lost", 50, dt.datetime(2026, 10, 7, 9, 0)]]
    return _save(_book(rows))


def xlsx_truncated() -> bytes:
    return xlsx_dates()[:600]


def xlsx_bad_crc() -> bytes:
    """A corrupt download: the sheet part inflates, but its checksum does not match."""
    data = xlsx_dates()
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    crc = struct.pack("<I", info.CRC)
    assert data.count(crc) == 2  # the local header and the central directory
    return data.replace(crc, struct.pack("<I", info.CRC ^ 0xFFFFFFFF))


def xlsx_encrypted() -> bytes:
    # An encrypted .xlsx is an OLE compound file, not a zip: it starts with this magic.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016


def zip_bomb() -> bytes:
    """A small zip whose one sheet part would decompress to 60 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in ("[Content_Types].xml", "xl/workbook.xml"):
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), b"<x/>", zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", ZIP_TIME)
        archive.writestr(info, bytes(60 * 1024 * 1024), zipfile.ZIP_DEFLATED, 9)
    return out.getvalue()


def ods() -> bytes:
    """A minimal OpenDocument spreadsheet (LibreOffice), written by hand."""
    cells = []
    for owner, stage, amount, day in (("Ann", "Won", 100, "2026-10-05"),
                                      ("Ben", "Won", 200, "2026-10-06"),
                                      ("Ann", "Lost", 50, "2026-10-07")):
        cells.append(
            "<table:table-row>"
            f'<table:table-cell office:value-type="string"><text:p>{owner}</text:p></table:table-cell>'
            f'<table:table-cell office:value-type="string"><text:p>{stage}</text:p></table:table-cell>'
            f'<table:table-cell office:value-type="float" office:value="{amount}">'
            f"<text:p>{amount}</text:p></table:table-cell>"
            f'<table:table-cell office:value-type="date" office:date-value="{day}">'
            f"<text:p>{day}</text:p></table:table-cell>"
            "</table:table-row>"
        )
    header = "<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>'
        for h in XLSX_HEADER
    ) + "</table:table-row>"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Deals">'
        + header + "".join(cells) +
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", ZIP_TIME),
                         b"application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr(zipfile.ZipInfo("META-INF/manifest.xml", ZIP_TIME), manifest,
                         zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("content.xml", ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ------------------------------------------------------------------ text files


def utf16_unicode_text() -> bytes:
    """Excel's "Unicode text": UTF-16 LE with a BOM, tab-delimited, CRLF line ends."""
    text = (HEADER + ROWS + "张伟,Won,300,2026-10-08\n").replace(",", "\t").replace("\n", "\r\n")
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def alias_bomb() -> bytes:
    """A config whose aliases would expand to 10⁹ values ("billion laughs" in YAML)."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]")
    return ("\n".join(lines) + "\n").encode()


ZH_HEADER = "销售,阶段,金额,成交日期\n"

def png() -> bytes:
    """A real 1×1 PNG image."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")
    )


def gzipped() -> bytes:
    """The clean export, gzip-compressed (as a CRM download may arrive), name unchanged."""
    return gzip.compress(CLEAN.encode(), mtime=0)


CASES: dict[str, bytes | Callable[[], bytes]] = {
    # encodings
    "enc-utf8.csv": CLEAN.encode(),
    "enc-utf8-bom.csv": codecs.BOM_UTF8 + CLEAN.encode(),
    "enc-gb18030-chinese.csv": (
        ZH_HEADER + '张伟,赢单,"￥1,234.00",2026年10月5日\n李娜,赢单,"￥2,000.50",2026年10月6日\n'
        "刘䶮,赢单,￥88,2026年10月31日\n张伟,赢单,￥1,2026年11月1日\n"
    ).encode("gb18030"),
    "enc-gbk.csv": (HEADER + "张伟,Won,100,2026-10-05\n李娜,Won,200,2026-10-06\n").encode("gbk"),
    "enc-utf16le-unicode-text.txt": utf16_unicode_text,
    "enc-utf16be-bom.csv": codecs.BOM_UTF16_BE + CLEAN.encode("utf-16-be"),
    "enc-cp1252-declared.csv": (HEADER + "Müller,Won,100,2026-10-05\nJosé,Won,5,2026-10-05\n"
                                ).encode("cp1252"),
    # delimiters and line ends
    "delim-semicolon.csv": CLEAN.replace(",", ";").encode(),
    "delim-tab.csv": CLEAN.replace(",", "\t").encode(),
    "delim-pipe.csv": CLEAN.replace(",", "|").encode(),
    "delim-comma-with-semicolons.csv": (
        "Owner,Account,Amount,Close Date\nAnn,Acme; Ltd; East,100,2026-10-05\n"
        "Ben,Beta,200,2026-10-06\nAnn,Gamma; Co,50,2026-10-07\n"
    ).encode(),
    "crlf.csv": CLEAN.replace("\n", "\r\n").encode(),
    "cr-only.csv": CLEAN.replace("\n", "\r").encode(),
    "cr-only-quoted-newline.csv": (  # Excel for Mac keeps a line feed inside a quoted cell
        "Owner,Stage,Amount,Close Date,Notes,Source\r"
        'Ann,Won,100,2026-10-05,"called twice\nsent the quote",web\r'
        "Ben,Won,200,2026-10-06,one line,fair\r"
        "Ann,Lost,50,2026-10-07,,web\r"
    ).encode(),
    "lf-quoted-carriage-returns.csv": (  # more CRs inside one cell than lines in the file
        "Owner,Stage,Amount,Close Date,Notes\n"
        'Ann,Won,100,2026-10-05,"one\rtwo\rthree\rfour"\n'
    ).encode(),
    "quoted-newlines.csv": (
        "Owner,Stage,Amount,Close Date,Notes\n"
        'Ann,Won,100,2026-10-05,"called twice\nsent the quote, ""final"""\n'
        'Ben,Won,200,2026-10-06,"line one\r\nline two\r\nline three"\n'
        "Ann,Lost,50,2026-10-07,\n"
    ).encode(),
    # structure
    "nul-bytes.csv": (HEADER + "Ann,Won,1\x0000,2026-10-05\nBen,Won,200,2026-10-06\n").encode(),
    "ragged-extra.csv": (HEADER + "Ann,Won,100,2026-10-05\nBen,Won,200,2026-10-06,oops,more\n"
                         "Ann,Lost,50,2026-10-07\n").encode(),
    "ragged-short.csv": ("Owner,Stage,Amount,Close Date,Notes\nAnn,Won,100,2026-10-05,called\n"
                         "Ben,Won,200,2026-10-06\nAnn,Lost,50,2026-10-07\n").encode(),
    "preamble.csv": ("Deals report\nExported 2026-11-01 08:00 by CRM\n" + CLEAN).encode(),
    "header-row-3.csv": ("Region,East,,\nOwner,notes,,\n" + CLEAN).encode(),
    "blank-lines.csv": (HEADER + "Ann,Won,100,2026-10-05\n\n,,,\nBen,Won,200,2026-10-06\n\n"
                        ).encode(),
    "trailing-empty-columns.csv": "".join(
        line + ",,,\n" for line in CLEAN.splitlines()
    ).encode(),
    "totals-heji.csv": (ZH_HEADER + "张伟,赢单,100,2026-10-05\n李娜,赢单,200,2026-10-06\n"
                        "合计,,300,\n").encode(),
    "totals-customer-named-total.csv": ("Owner,Account,Amount,Close Date\n"
                                        "Ann,Acme,100,2026-10-05\nBen,Beta,200,2026-10-06\n"
                                        "Ann,Total,50,2026-10-07\n").encode(),
    "totals-grand-total.csv": (CLEAN + "Grand Total,,350,\n,,,\n").encode(),
    # people
    "unknown-people.csv": (CLEAN + "Zed,Won,5,2026-10-08\nZed,Won,6,2026-10-09\n"
                           "Former Rep,Won,7,2026-10-10\nzed,Won,8,2026-10-11\n").encode(),
    "full-width-names.csv": (HEADER + "Ａｎｎ,Won,100,2026-10-05\n  ann ,Won,1,2026-10-06\n"
                             "BEN\u00a0,Won,200,2026-10-07\nＢｅｎ　,Won,2,2026-10-08\n").encode(),
    "roster-aliases.csv": (HEADER + "Robert Li,Won,100,2026-10-05\nBob Li,Won,20,2026-10-06\n"
                           '"Li, Bob",Won,3,2026-10-07\n').encode(),
    # numbers
    "bad-number.csv": (HEADER + "Ann,Won,12abc,2026-10-05\nAnn,Won,100,2026-10-06\n"
                       "Ben,Won,200,2026-10-06\n").encode(),
    "bad-number-placeholders.csv": (HEADER + "Ann,Won,100,2026-10-05\nAnn,Won,N/A,2026-10-06\n"
                                    "Ann,Won,#VALUE!,2026-10-07\nAnn,Won,—,2026-10-08\n").encode(),
    "negative-parentheses.csv": (HEADER + 'Ann,Won,"(1,234)",2026-10-05\n'
                                 'Ann,Won,"2,000",2026-10-06\nBen,Won,(¥50.50),2026-10-06\n'
                                 ).encode(),
    "percent.csv": "Owner,Rate,Close Date\nAnn,35%,2026-10-05\nAnn,45%,2026-10-06\n"
                   "Ben,12.5%,2026-10-06\n".encode(),
    "decimal-comma.csv": ("Owner;Stage;Amount;Close Date\nAnn;Won;1.234,50;2026-10-05\n"
                          "Ann;Won;€1.234,50;2026-10-06\nBen;Won;-2,25;2026-10-07\n"
                          "Ben;Won;€ 10;2026-10-08\n").encode(),
    "currency-forms.csv": (
        HEADER + 'Ann,Won,"$1,234",2026-10-05\nAnn,Won,"¥1,234.50",2026-10-06\n'
        "Ann,Won,￥100,2026-10-07\nBen,Won,USD 10,2026-10-05\n"
        'Ben,Won,"1,000元",2026-10-06\nBen,Won,RMB 5,2026-10-07\nBen,Won,-$20,2026-10-08\n'
        "Ben,Won,１２３,2026-10-09\n"
    ).encode(),
    # dates
    "date-forms.csv": (
        HEADER + "Ann,Won,1,2026/10/5\nAnn,Won,2,2026.10.06\nAnn,Won,4,20261007\n"
        "Ann,Won,8,2026-10-08 13:45:00\nAnn,Won,16,2026年10月9日\nAnn,Won,32,2026/10/10 9:05\n"
        "Ann,Won,64,2026-10-11T08:00:00\nAnn,Won,128,46306\nAnn,Won,256,2026-10-31 23:59:59\n"
        "Ann,Won,512,2026-11-01 00:00:00\nAnn,Won,1024,2026-9-30\n"
    ).encode(),
    "ambiguous-date.csv": (HEADER + "Ann,Won,100,05/10/2026\nAnn,Won,1,2026-10-05\n").encode(),
    "us-dates.csv": (HEADER + "Ann,Won,100,10/05/2026\nBen,Won,200,10/31/2026\n"
                     "Ann,Won,7,11/01/2026\nAnn,Won,9,2026-10-05\n").encode(),
    "invalid-date.csv": (HEADER + "Ann,Won,100,2026-02-30\nAnn,Won,1,2026-10-05\n"
                         "Ann,Won,2,soon\n").encode(),
    "empty-dates.csv": (HEADER + "Ann,Won,100,\nAnn,Open,5,  \nAnn,Won,1,2026-10-05\n").encode(),
    # headers
    "duplicate-header-used.csv": ("Owner,Amount,Stage,amount ,Close Date\n"
                                  "Ann,1,Won,2,2026-10-05\n").encode(),
    "duplicate-header-unused.csv": ("Owner,Note,Amount,Note,Close Date\nAnn,a,5,b,2026-10-05\n"
                                    ).encode(),
    "missing-column.csv": ("Owner,Stage,Amont,Close Date\nAnn,Won,1,2026-10-05\n").encode(),
    "messy-headers.csv": (" OWNER ,stage,ＡＭＯＵＮＴ,\u00a0Close date \nAnn,Won,100,2026-10-05\n"
                          ).encode(),
    "empty.csv": b"",
    "header-only.csv": HEADER.encode(),
    "history.csv": (
        "Deal,Owner,Stage,Amount,Changed,Close Date\n"
        "D1,Ann,Open,100,2026-10-01,2026-10-20\nD1,Ann,Won,150,2026-10-15,2026-10-20\n"
        # By date 2026/10/10 is the later change; as text (and in file order) it is not.
        "D2,Ben,Won,90,2026/10/10,2026-10-05\nD2,Ben,Lost,0,2026/10/9,2026-10-05\n"
        "D3,Ben,Won,40,2026-10-02,2026-10-02\n"
    ).encode(),
    # workbooks
    "xlsx-dates.xlsx": xlsx_dates,
    "xlsx-serials.xlsx": xlsx_serials,
    "xlsx-1904-serials.xlsx": xlsx_1904_serials,
    "xlsx-1904-dates.xlsx": xlsx_1904_dates,
    "xlsx-formula-no-value.xlsx": xlsx_formula,
    "xlsx-formula-cached.xlsx": xlsx_formula_cached,
    "xlsx-offset-b3.xlsx": xlsx_offset,
    "xlsx-hidden-first.xlsx": xlsx_hidden_first,
    "xlsx-two-sheets.xlsx": xlsx_two_sheets,
    "xlsx-cover-sheet.xlsx": xlsx_cover_sheet,
    "xlsx-empty-first.xlsx": xlsx_empty_first,
    "xlsx-text-values.xlsx": xlsx_text_values,
    "xlsx-title-row.xlsx": xlsx_title_row,
    "xlsx-error-cells.xlsx": xlsx_error_cells,
    "xlsx-totals.xlsx": xlsx_totals,
    "xlsx-date-format-mixed.xlsx": xlsx_date_format_mixed,
    "xlsx-billion-laughs.xlsx": xlsx_billion_laughs,
    "xlsx-external-entity.xlsx": xlsx_external_entity,
    "macro.xlsm": xlsm,
    "libreoffice.ods": ods,
    "xlsx-truncated.xlsx": xlsx_truncated,
    "xlsx-bad-crc.xlsx": xlsx_bad_crc,
    "xlsx-encrypted.xlsx": xlsx_encrypted,
    "zip-bomb.xlsx": zip_bomb,
    # extensions that lie
    "really-xlsx.csv": xlsx_dates,
    "really-csv.xlsx": CLEAN.encode(),
    "really-tsv.xls": CLEAN.replace(",", "\t").encode(),
    "really-html.xls": (
        '<html><head><meta charset="utf-8"></head><body><table>'
        "<tr><td>Owner</td><td>Stage</td><td>Amount</td><td>Close Date</td></tr>"
        "<tr><td>Ann</td><td>Won</td><td>100</td><td>2026-10-05</td></tr>"
        "</table></body></html>\n"
    ).encode(),
    # not text at all: a screenshot, a compressed export, a file of mixed binary
    "really-png.csv": png,
    "really-gzip.csv": gzipped,
    "binary-noise.txt": bytes(range(256)) * 8,
    # config
    "alias-bomb.yaml": alias_bomb,
}


def build(name: str) -> bytes:
    """The bytes of one corpus file."""
    content = CASES[name]
    return content() if callable(content) else content


def main(argv: list[str]) -> int:
    check = "--check" in argv
    HERE.mkdir(parents=True, exist_ok=True)
    stale = []
    for name in CASES:
        data = build(name)
        path = HERE / name
        if check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
            continue
        path.write_bytes(data)
        print(f"wrote {name} ({len(data):,} bytes)")
    extra = sorted(p.name for p in HERE.iterdir() if p.name not in CASES)
    if check and (stale or extra):
        print("out of date: " + ", ".join(stale + extra), file=sys.stderr)
        return 1
    for name in extra:
        (HERE / name).unlink()
        print(f"removed {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
