"""Writing sample exports the way CRMs, Excel and WPS write them: CSV bytes and .xlsx bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence

Cell = str | int | float | dt.date | None


def day_text(lang: str, day: dt.date | None, style: str = "iso") -> str:
    """A date as an export writes it: ISO, `2026/10/5` (style "slash") or `2026年10月5日` (zh)."""
    if day is None:
        return ""
    if lang == "zh" and style == "iso":
        return f"{day.year}年{day.month}月{day.day}日"
    if style == "slash":
        return f"{day.year}/{day.month}/{day.day}"
    return day.isoformat()


def money_text(lang: str, amount: float) -> str:
    """An amount as an export writes it: `12,500.00`, or `￥12,500.00` in Chinese exports."""
    return f"￥{amount:,.2f}" if lang == "zh" else f"{amount:,.2f}"


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]], encoding: str) -> bytes:
    """A CSV file with CRLF line ends (as Excel and WPS save them) in `encoding`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(
    sheet_title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    stamp: dt.datetime,
    date_format: str = "yyyy-mm-dd",
) -> bytes:
    """A one-sheet workbook with date cells, a bold frozen header and filters.

    The document properties and the zip entries carry `stamp`, never the clock, so
    the same rows give the same bytes.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, dt.date):
                cell.number_format = date_format
    for column in "ABCDEFGH"[: len(header)]:
        sheet.column_dimensions[column].width = 18
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.creator = "CRM export"
    book.properties.created = stamp
    book.properties.modified = stamp
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps `modified` with the clock.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _restamp(raw.getvalue(), stamp)


def _restamp(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with every entry dated `stamp`."""
    out = io.BytesIO()
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info))
    return out.getvalue()
