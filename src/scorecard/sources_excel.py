"""Excel input: fastexcel/calamine for the cells, a guarded look into the zip for the rest.

calamine reads the values fast but hides things a report must know: where the
used range starts (so row numbers match the sheet), whether the workbook uses the
1904 date system, which formulas have no cached value and which cells hold an
error (calamine reads them as empty, or an .ods error as the 0 saved beside it).
Those come from the .xlsx or .ods zip directly, with size limits and without an
XML parser, so no entity can expand; an .xls's error cells from its BIFF records.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

from scorecard.errors import SourceError
from scorecard.filespec import EXCEL_SUFFIXES, OLE_MAGIC, ZIP_MAGIC, FileSpec, header_key
from scorecard.nearest import closest

# calamine logs what it works around (an .ods sheet's trailing empty rows repeated past
# the row limit: "ods row repeat count capped"); with no handler Python would print it
# on stderr, in every cron mail. It says nothing about the data: kept out of the output.
logging.getLogger("calamine").addHandler(logging.NullHandler())

MAX_UNCOMPRESSED = 2 * 1024**3
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # a worksheet's own limits
MAX_RATIO = 200
MAX_MEMBERS = 10_000
CHUNK = 1 << 20

_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')


@dataclass(frozen=True)
class SheetInfo:
    """What the zip tells about one sheet beyond its cell values."""

    first_row: int = 1
    first_column: int = 1
    date1904: bool = False
    formulas_without_value: tuple[tuple[int, int], ...] = field(default=())
    errors: tuple[tuple[int, int, str], ...] = field(default=())  # (row, column, "#N/A")
    # merged ranges spanning rows: (first row, column, last row) of the range's first column
    merged: tuple[tuple[int, int, int], ...] = field(default=())
    hidden_rows: tuple[int, ...] = field(default=())  # rows hidden (or filtered out) in Excel
    opendocument: bool = False  # an .ods (its used range's start read from its rows)


@dataclass(frozen=True)
class Loaded:
    """One sheet of a workbook as calamine loaded it (not yet a frame), and what the zip told."""

    data: bytes  # the workbook file it was loaded from
    sheet: str
    cells: object  # fastexcel's loaded sheet: every cell as text
    info: SheetInfo
    # Read in part: the columns loaded (places in the used range), and the first rows
    # of every column they were picked from (`sources.excel_columns`)
    kept: tuple[int, ...] | None = None
    first: pl.DataFrame | None = None


READ_SOME_FROM = 1 << 20  # (bytes: a smaller workbook is loaded whole)
FIRST_ROWS = 40  # (the header is looked for in the first 30)


def load(path: Path, data: bytes, wanted: str | int | None, spec: FileSpec | None = None) -> Loaded:
    """Open a workbook's bytes and load the sheet `wanted` names (the first visible one if None).

    For an .xlsx the zip scan (formulas, error cells, used range) runs beside
    calamine's read: both release the interpreter while they decompress. `spec`:
    the source, whose columns alone are loaded from a big .xlsx when its config
    names few of them (`spec.wanted`); every column without it.
    """
    zipped = data.startswith(ZIP_MAGIC)
    if zipped:
        check_zip(path).close()
    reader, names, visible = sheet_names(path, data)
    sheet = pick_sheet(path, wanted, names, visible)
    if zipped:
        kept, first, left = _columns_to_load(data, sheet, spec) if spec else (None, None, 1)
        letters = None if kept is None else ",".join(column_letters(left + k) for k in kept)
        with ThreadPoolExecutor(max_workers=1) as pool:
            scan = pool.submit(inspect_xlsx, path, sheet)
            try:
                cells = load_sheet(path, reader, sheet, letters)
            except SourceError:
                kept = first = None  # (every column, as any sheet that fails to load)
                cells = _load_newer_errors(path, data, sheet)
            info = scan.result()
        if _placed(info) and (info.opendocument or info.first_column > 1):
            # Where the cells the scan found are in the frame: from the used range's start
            # as calamine sets it. The scan knows the first filled cell, whose column is
            # the range's first only if no later row starts further left (a title or a
            # "单位：元" note over the table's right-hand columns); an .ods tells neither.
            first_row, first_column = calamine_start(data, sheet)
            info = replace(info, first_row=first_row, first_column=first_column)
    else:
        cells = load_sheet(path, reader, sheet)
        first_row, first_column, merged = calamine_layout(data, sheet)
        stream = xls_stream(data)
        info = SheetInfo(
            first_row,
            first_column,
            date1904=stream is not None and xls_date1904(stream),
            errors=stream_errors(stream, sheet) if stream is not None else (),
            merged=merged,
        )
        kept = first = None
    return Loaded(data, sheet, cells, info, kept, first)


def _columns_to_load(
    data: bytes, sheet: str, spec: FileSpec
) -> tuple[tuple[int, ...] | None, pl.DataFrame | None, int]:
    """The columns of a big .xlsx sheet that `spec` reads (None: all; places in the used
    range), the first rows they were told from, and the range's first column. Without
    polars when the sheet is plainly too narrow: a run of workbooks imports it beside
    the load."""
    if spec.wanted is None or len(data) < READ_SOME_FROM or spec.header_row != 1:
        return None, None, 1
    found = first_rows(data, sheet, FIRST_ROWS)
    if found is None:
        return None, None, 1
    named = max(
        (len({header_key(c) for c in row if c} & spec.wanted) for row in found.rows), default=0
    )
    if 2 * (named + 1) > found.width:  # (half the columns or more are read, the first too)
        return None, None, 1
    from scorecard.sources import excel_columns  # (polars)

    return (*excel_columns(spec, found), found.left)


def _placed(info: SheetInfo) -> bool:
    """Whether the scan found cells whose place in the frame depends on its first column."""
    return bool(info.errors or info.formulas_without_value or info.merged)


def load_ahead(path: Path, wanted: str | int | None, spec: FileSpec | None = None) -> Loaded | None:
    """`load` for a file named like a workbook that is one, or None (also on any failure).

    Used before a run reads its files: whatever goes wrong here, the run's own
    read meets again and reports.
    """
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        return None
    try:
        data = path.read_bytes()
        named_xlsx = path.suffix.lower() in (".xlsx", ".xlsm")  # (the read sees to those)
        if (named_xlsx and data.startswith(OLE_MAGIC)) or not data.startswith(
            (ZIP_MAGIC, OLE_MAGIC)
        ):
            return None
        return load(path, data, wanted, spec)
    except Exception:
        return None


_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _unescape(text: str) -> str:
    """XML's entities in `text` replaced: the five it names, and characters by number
    (xml.sax.saxutils loads urllib and ssl, 40 ms that a run does not need)."""

    def character(found: re.Match[str]) -> str:
        name, decimal, hexadecimal = found.groups()
        if name:
            return _NAMED[name]
        number = int(decimal) if decimal else int(hexadecimal, 16)
        return chr(number) if 0 < number <= 0x10FFFF else found[0]

    return _ENTITY.sub(character, text) if "&" in text else text


def column_letters(number: int) -> str:
    """A 1-based column number → A1-style letters (28 → AB)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """A1-style column letters → 1-based column number."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _attrs(blob: bytes) -> dict[str, str]:
    return {k.decode(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(blob)}


def check_zip(path: Path) -> zipfile.ZipFile:
    """Open an .xlsx/.xlsm zip, refusing archives that would decompress without bound."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, NotImplementedError) as exc:
        raise SourceError.of("err_bad_workbook", path=path, reason=exc) from None
    members = archive.infolist()
    total = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED:
        raise SourceError.of(
            "err_zip_too_big", path=path, size=f"{total:,}", parts=f"{len(members):,}"
        )
    for member in members:
        if member.file_size > 50 * 1024**2 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise SourceError.of("err_zip_bomb", path=path, part=member.filename, ratio=MAX_RATIO)
    return archive


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return None
    rel_id = None
    for blob in _SHEET.findall(workbook):
        attrs = _attrs(blob)
        if _unescape(attrs.get("name", "")) == sheet:  # "Sales &amp; Renewals"
            rel_id = attrs.get("r:id")
    for blob in _REL.findall(rels):
        attrs = _attrs(blob)
        if attrs.get("Id") == rel_id:
            target = attrs.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def inspect_xlsx(path: Path, sheet: str) -> SheetInfo:
    """Used-range start, date system and formulas without cached values of one sheet.

    The sheet's XML is streamed in chunks and only searched for `<f` (formulas):
    a sheet of plain values costs one decompression, no per-cell Python.
    """
    try:
        with check_zip(path) as archive:
            try:
                workbook = archive.read("xl/workbook.xml")
            except KeyError:  # an OpenDocument sheet (.ods), or no workbook calamine reads
                return _inspect_ods(archive, sheet)
            date1904 = bool(re.search(rb'date1904="(1|true)"', workbook))
            part = _sheet_part(archive, sheet)
            if part is None or part not in archive.namelist():
                return SheetInfo(date1904=date1904)
            return _scan_sheet(archive, part, date1904)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        # A damaged member (bad CRC, truncated stream, an unknown zip version or
        # compression method) that calamine happened to skip.
        raise SourceError.of("err_bad_workbook", path=path, reason=exc) from None


def _scan_sheet(archive: zipfile.ZipFile, part: str, date1904: bool) -> SheetInfo:
    first: tuple[int, int] | None = None
    missing: list[tuple[int, int]] = []
    errors: list[tuple[int, int, str]] = []
    hidden: list[int] = []
    carry = b""
    after: bytes | None = None  # the sheet after its cells: merged ranges, among others
    prefix: bytes | None = None  # of the elements, as .NET writers give them: <x:c>
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            if prefix is None:
                found = _PREFIX.search(chunk)
                prefix = found[1] if found else b""
            if after is not None:
                after += chunk
                continue
            data = _unprefixed(carry + chunk, prefix)
            if first is None:
                first = _first_cell(data)
            cut = data.rfind(b"</c>")
            cut = len(data) if cut < 0 else cut + 4
            # The cells end after the last whole cell: only what follows it is searched.
            if (end := data.find(b"</sheetData>", cut if cut < len(data) else 0)) >= 0:
                data, after, cut = data[:end], data[end:], min(cut, end)
            cells, carry = data[:cut], data[cut:]
            missing += _formulas_without_value(cells)
            errors += _error_cells(cells)
            hidden += _hidden_rows(cells)
    missing += _formulas_without_value(carry)
    errors += _error_cells(carry)
    hidden += _hidden_rows(carry)
    merged = _merged_down(_unprefixed(after or b"", prefix or b""))
    if first is None:  # no cell with a reference (r="A1"), which the format allows
        xml = _unprefixed(archive.read(part), prefix or b"")
        first, missing, errors, hidden = _walk_positions(xml)
    row, col = first or (1, 1)
    return SheetInfo(row, col, date1904, tuple(missing), tuple(errors), merged, tuple(hidden))


_ROW = re.compile(rb"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)


def _walk_positions(
    xml: bytes,
) -> tuple[tuple[int, int] | None, list[tuple[int, int]], list[tuple[int, int, str]], list[int]]:
    """`_scan_sheet`'s findings for a sheet whose cells (and rows) may carry no reference.

    A cell without `r` is the one after the cell before it, a row without `r` the row
    after the row before it (as Excel reads them). Cell by cell, in Python: only for
    such sheets, which few writers make.
    """
    first: tuple[int, int] | None = None
    missing: list[tuple[int, int]] = []
    errors: list[tuple[int, int, str]] = []
    hidden: list[int] = []
    number = 0
    for row in _ROW.finditer(xml):
        found = re.search(rb'\br="(\d+)"', row[1])
        number = int(found[1]) if found else number + 1
        if re.search(rb'\bhidden="(?:1|true)"', row[1]):
            hidden.append(number)
        column = 0
        for cell in _CELL.finditer(row[2] or b""):
            attrs, body = cell[1], cell[2] or b""
            ref = _REF.search(attrs)
            column = column_number(ref[1].decode()) if ref else column + 1
            value = re.search(rb"<v>([^<]*)</v>", body)
            if first is None and ((value and value[1]) or b"<is>" in body):
                first = (number, column)
            if b't="e"' in attrs and value:
                errors.append((number, column, value[1].decode("utf-8", "replace")))
            elif b"<f" in body and _unsaved(cell[0]):
                missing.append((number, column))
    return first, missing, errors, hidden


_PREFIX = re.compile(rb"<(\w+):worksheet\b")


def _unprefixed(data: bytes, prefix: bytes) -> bytes:
    """Sheet XML with its elements' namespace prefix taken off (<x:c> → <c>)."""
    if not prefix:
        return data
    return data.replace(b"<" + prefix + b":", b"<").replace(b"</" + prefix + b":", b"</")


_MERGE = re.compile(rb'<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


_ODS_TABLE = re.compile(rb"<table:table(?=[\s>/])([^>]*)>")  # (not table-row, table-cell)
_ODS_ERROR = re.compile(rb'<table:(?:covered-)?table-cell\b[^>]*calcext:value-type="error"')
_ODS_ROW_REPEAT = re.compile(rb'<table:table-row\b[^>]*table:number-rows-repeated="(\d+)"')
_ODS_CELL_REPEAT = re.compile(rb'table:number-columns-repeated="(\d+)"')
_ODS_TEXT = re.compile(rb"<text:p\b[^>]*>(.*?)</text:p>", re.S)
_ODS_ROWS = (b"<table:table-row ", b"<table:table-row>", b"<table:table-row/>")
_ODS_CELLS = tuple(
    b"<table:" + kind + end
    for kind in (b"table-cell", b"covered-table-cell")
    for end in (b" ", b">", b"/>")
)


def _inspect_ods(archive: zipfile.ZipFile, sheet: str) -> SheetInfo:
    """An .ods sheet's first used row (calamine starts the sheet there) and error cells."""
    try:
        data = archive.read("content.xml")
    except KeyError:
        return SheetInfo()
    span = _ods_sheet_span(data, sheet)
    if span is None:
        return SheetInfo(opendocument=True)
    first = data.find(b"office:value-type=", *span)  # the first cell holding a value
    first_row = 1 if first < 0 else _ods_rows_before(data, span[0], first) + 1
    errors, merged = _ods_errors(data, span), _ods_merged(data, span)
    return SheetInfo(first_row, errors=errors, merged=merged, opendocument=True)


def _ods_rows_before(data: bytes, start: int, at: int) -> int:
    """Rows from `start` to the row holding offset `at`."""
    return _ods_rows(data, start, _ods_row_start(data, start, at))


def _ods_row_start(data: bytes, start: int, at: int) -> int:
    """Where the row holding offset `at` opens (searched back to `start`)."""
    return max(data.rfind(tag, start, at) for tag in _ODS_ROWS)


def _ods_rows(data: bytes, start: int, end: int) -> int:
    """Rows opened between two offsets, a repeated row as as many as it stands for."""
    rows = sum(data.count(tag, start, end) for tag in _ODS_ROWS)
    return rows + sum(int(m[1]) - 1 for m in _ODS_ROW_REPEAT.finditer(data, start, end))


def _ods_errors(data: bytes, span: tuple[int, int]) -> tuple[tuple[int, int, str], ...]:
    """(row, column, text) of an .ods sheet's error cells, 1-based.

    calamine reads a failed formula's cell as the number LibreOffice saved beside the
    error (0 for #DIV/0!) or as empty; the report must show it as the error it is.
    LibreOffice marks such a cell (`calcext:value-type="error"`, with the error's text:
    #DIV/0!, #N/A, Err:502). Each one's row and column are counted from the tags before
    it (as bytes, like the .xlsx scan: no per-cell Python, no entity expanded).
    """
    start, end = span
    if data.find(b'value-type="error"', start, end) < 0:
        return ()
    found = []
    for match, rows, columns, row_start in _ods_places(data, span, _ODS_ERROR):
        at = match.start()
        tag_end = data.find(b">", match.end())
        close = tag_end if data[tag_end - 1 : tag_end] == b"/" else data.find(b"</table:", tag_end)
        text = b"".join(_ODS_TEXT.findall(data, tag_end, max(close, tag_end)))
        shown = _unescape(text.decode("utf-8", "replace")).strip() or "#VALUE!"
        # an error repeated down rows or across columns (identical cells written once)
        # is an error in each cell it stands for
        down = _ODS_ROW_REPEAT.match(data, row_start)
        across = _ODS_CELL_REPEAT.search(data, at, tag_end)
        found += [
            (rows + 1 + r, columns + 1 + c, shown)
            for r in range(min(int(down[1]), MAX_ROWS) if down else 1)
            for c in range(min(int(across[1]), MAX_COLUMNS) if across else 1)
        ]
    return tuple(found)


def _ods_places(
    data: bytes, span: tuple[int, int], pattern: re.Pattern[bytes]
) -> Iterator[tuple[re.Match[bytes], int, int, int]]:
    """Each cell tag `pattern` finds in a sheet: (match, rows before it, cells before it
    in its row, where its row opens), counted from the tags before it."""
    start, end = span
    counted, rows = start, 0  # rows before `counted` (each cell's are counted on from the last)
    for match in pattern.finditer(data, start, end):
        at = match.start()
        row_start = _ods_row_start(data, start, at)
        rows += _ods_rows(data, counted, row_start)
        counted = row_start
        columns = sum(data.count(tag, row_start, at) for tag in _ODS_CELLS)
        columns += sum(int(m[1]) - 1 for m in _ODS_CELL_REPEAT.finditer(data, row_start, at))
        yield match, rows, columns, row_start


_ODS_SPANNED = re.compile(rb'<table:table-cell\b[^>]*table:number-rows-spanned="(\d+)"')


def _ods_merged(data: bytes, span: tuple[int, int]) -> tuple[tuple[int, int, int], ...]:
    """(first row, column, last row) of an .ods sheet's cells merged down rows, 1-based."""
    if data.find(b"table:number-rows-spanned=", *span) < 0:
        return ()
    return tuple(
        (rows + 1, columns + 1, rows + int(match[1]))
        for match, rows, columns, _ in _ods_places(data, span, _ODS_SPANNED)
        if int(match[1]) > 1
    )


def _ods_sheet_span(data: bytes, sheet: str) -> tuple[int, int] | None:
    """Where a sheet's rows are in an .ods content.xml: (start, end) byte offsets."""
    for match in _ODS_TABLE.finditer(data):
        name = re.search(rb'table:name="([^"]*)"', match[1])
        if name and _unescape(name[1].decode("utf-8", "replace")) == sheet:
            end = data.find(b"</table:table>", match.end())
            return match.end(), len(data) if end < 0 else end
    return None


# .xls (BIFF8): the records that hold an error value, and the error codes' texts
_BOUNDSHEET, _BOF, _EOF, _BOOLERR, _FORMULA, _FILEPASS = 0x85, 0x809, 0x0A, 0x205, 0x06, 0x2F
_DATEMODE = 0x22
_XLS_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}
# A formula's cached result that is an error: 02 00 <code> 00 00 00 FF FF
_XLS_FORMULA_ERROR = re.compile(rb"\x02\x00[\x00\x07\x0f\x17\x1d\x24\x2a]\x00\x00\x00\xff\xff")


def xls_stream(data: bytes) -> bytes | None:
    """An .xls file's workbook stream (its BIFF records), or None. Best effort: a
    workbook this cannot read is calamine's to report."""
    if not data.startswith(OLE_MAGIC):
        return None
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            return bytes(ole.openstream(name).read())
    except Exception:  # (a damaged compound file fails in many ways; calamine reports it)
        return None


def xls_date1904(stream: bytes) -> bool:
    """Whether an .xls counts its serial dates from 1904 (the globals' DATEMODE record is 1),
    as workbooks made on a Mac may."""
    for kind, body in _xls_records(stream, 0):
        if kind == _DATEMODE:
            return body[:2] == b"\x01\x00"
        if kind == _EOF:
            break
    return False


def encrypted(data: bytes) -> bool:
    """Whether a compound file is a password-protected .xlsx (an EncryptionInfo stream),
    not an Excel 97-2003 workbook (a Workbook stream)."""
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            return bool(ole.exists("EncryptionInfo")) or not (
                ole.exists("Workbook") or ole.exists("Book")
            )
    except Exception:  # a damaged compound file: not a workbook this reads either way
        return True


def stream_errors(stream: bytes, sheet: str) -> tuple[tuple[int, int, str], ...]:
    """(row, column, text) of an .xls sheet's error cells (#N/A, #DIV/0! ...), 1-based, from
    its BIFF8 workbook stream (the compound file's `Workbook`).

    calamine reads them as empty; the report must show them as the values they are.
    The records are walked only when the stream holds an error's pattern (an error
    cell, or a formula whose saved result is one).
    """
    if b"\x05\x02\x08\x00" not in stream and not _XLS_FORMULA_ERROR.search(stream):
        return ()
    start = _xls_sheet_offset(stream, sheet)
    if start is None:
        return ()
    found = []
    depth = 0  # a chart in the sheet is a substream of its own, BOF to EOF
    for kind, body in _xls_records(stream, start):
        if kind in (_BOF, _EOF):
            depth += 1 if kind == _BOF else -1
            if depth <= 0:
                break
            continue
        if depth > 1:
            continue
        if kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
            code = body[6]
        elif kind == _FORMULA and len(body) >= 14 and body[6] == 2 and body[12:14] == b"\xff\xff":
            code = body[8]
        else:
            continue
        row, column = int.from_bytes(body[0:2], "little"), int.from_bytes(body[2:4], "little")
        found.append((row + 1, column + 1, _XLS_ERRORS.get(code, "#VALUE!")))
    return tuple(found)


def _xls_records(stream: bytes, at: int) -> Iterator[tuple[int, bytes]]:
    """(record type, body) of the BIFF records from offset `at` on (a BOF's, for a sheet)."""
    end = len(stream)
    while at + 4 <= end:
        kind = int.from_bytes(stream[at : at + 2], "little")
        size = int.from_bytes(stream[at + 2 : at + 4], "little")
        yield kind, stream[at + 4 : at + 4 + size]
        at += 4 + size


def _xls_sheet_offset(stream: bytes, sheet: str) -> int | None:
    """Where the sheet's substream starts, from the workbook globals' sheet records
    (None for a workbook older than BIFF8, Excel 97, whose records differ)."""
    if not stream.startswith(b"\x09\x08") or stream[4:6] != b"\x00\x06":
        return None
    for kind, body in _xls_records(stream, 0):
        if kind == _FILEPASS:  # encrypted: the records after this are not readable
            return None
        if kind == _EOF:
            return None
        if kind == _BOUNDSHEET and len(body) >= 8:
            length, wide = body[6], body[7] & 1
            raw = body[8 : 8 + length * (2 if wide else 1)]
            name = raw.decode("utf-16-le" if wide else "latin-1", "replace")
            if name == sheet:
                return int.from_bytes(body[0:4], "little")
    return None


def _merged_down(xml: bytes) -> tuple[tuple[int, int, int], ...]:
    """(first row, column, last row) of each merged range that spans more than one row."""
    return tuple(
        (int(m[2]), column_number(m[1].decode()), int(m[4]))
        for m in _MERGE.finditer(xml)
        if int(m[4]) > int(m[2])
    )


def _hidden_rows(data: bytes) -> list[int]:
    """The numbers of the rows that `data` (whole row tags only) marks hidden."""
    found = []
    position = _find_by(data, b'hidden="', 0)
    while position >= 0:
        start = data.rfind(b"<", 0, position)
        end = data.find(b">", position)
        tag = data[start:end]
        if tag.startswith(b"<row ") and re.search(rb'\bhidden="(?:1|true)"', tag):
            number = re.search(rb'\br="(\d+)"', tag)
            if number:
                found.append(int(number[1]))
        position = _find_by(data, b'hidden="', 0, max(end, position + 1))
    return found


def _cells_with(data: bytes, marker: bytes, rare: int | None = None) -> Iterator[bytes]:
    """Each whole `<c ...>...</c>` cell of `data` in which `marker` appears.

    `rare`: the index of a byte of `marker` that the XML seldom holds (`_find_by`).
    """

    def find(start: int) -> int:
        return data.find(marker, start) if rare is None else _find_by(data, marker, rare, start)

    position = find(0)
    while position >= 0:
        start = data.rfind(b"<c ", 0, position)
        end = data.find(b"</c>", position)
        if start < 0 or end < 0:
            return
        yield data[start:end]
        position = find(end)


def _find_by(data: bytes, needle: bytes, rare: int, start: int = 0) -> int:
    """`data.find(needle, start)`, found by the occurrences of one rare byte of it.

    `bytes.find` crawls over a needle whose bytes fill the XML ("<f": "<" opens
    every tag; 'hidden="': quotes and equals signs): 40 ms on the 40 MB of a
    100,000-row sheet. A lone byte is found at the speed of memchr, and sheet XML
    has few "f" or "h" (its text is in the shared strings), so each occurrence of
    `needle[rare]` is checked for the needle around it. Past a few dozen (a sheet
    of inline text), the plain search goes on from there.
    """
    byte = needle[rare : rare + 1]
    position = data.find(byte, start + rare)
    for _ in range(_LONE_BYTES):
        if position < 0:
            return -1
        if data.startswith(needle, position - rare):
            return position - rare
        position = data.find(byte, position + 1)
    return data.find(needle, position - rare) if position >= 0 else -1


_LONE_BYTES = 64


def _error_cells(data: bytes) -> list[tuple[int, int, str]]:
    """(row, column, text) of error cells (#N/A, #DIV/0! ...) in `data` (whole cells only).

    calamine reads them as empty; the report must show them as the values they are.
    """
    # Every error value starts with "#" (#N/A, #DIV/0!: calamine refuses a sheet with
    # any other), and a lone byte is looked for at the speed of memchr.
    if b"#" not in data:
        return []
    found = []
    for cell in _cells_with(data, b't="e"'):
        ref = _REF.search(cell)
        value = re.search(rb"<v>([^<]*)</v>", cell)
        if ref and value:
            text = value[1].decode("utf-8", "replace")
            found.append((int(ref[2]), column_number(ref[1].decode()), text))
    return found


def _first_cell(data: bytes) -> tuple[int, int] | None:
    """Where the used range starts: the first cell holding a value."""
    for match in _CELL.finditer(data):
        attrs, body = match.groups()
        ref = _REF.search(attrs)
        if ref and body and (re.search(rb"<v>[^<]", body) or b"<is>" in body or _text(attrs, body)):
            return int(ref[2]), column_number(ref[1].decode())
    return None


def _text(attrs: bytes, body: bytes) -> bool:
    """A formula's saved text, even empty (`=""` above a table): calamine's range starts there."""
    return b't="str"' in attrs and _EMPTY_VALUE.search(body) is not None


_EMPTY_VALUE = re.compile(rb"<v\s*/>|<v></v>")


def _formulas_without_value(data: bytes) -> list[tuple[int, int]]:
    """(row, column) of formula cells in `data` (whole cells only) with no saved value.

    A formula whose saved result is empty text (`=IFERROR(…, "")`: t="str", an empty
    <v>) has its value: an empty cell, as Excel shows it.
    """
    found = []
    for cell in _cells_with(data, b"<f", rare=1):
        ref = _REF.search(cell)
        if ref and _unsaved(cell):
            found.append((int(ref[2]), column_number(ref[1].decode())))
    return found


_EMPTY_TEXT = re.compile(rb'^<c\b[^>]*\bt="str".*?(?:<v\s*/>|<v></v>)', re.S)


def _unsaved(cell: bytes) -> bool:
    """Whether a formula cell (its whole `<c ...>...`) has no saved value, empty text aside."""
    return re.search(rb"<v>[^<]", cell) is None and not _EMPTY_TEXT.search(cell)


def markup_kind(head: bytes) -> str | None:
    """ "html" or "xml" when a file with a workbook extension is really markup."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html")) or (
        text.startswith(b"<") and (b"<table" in text or b"<html" in text)
    ):
        return "html"
    if text.startswith(b"<?xml"):
        return "xml"
    return None


def sheet_names(path: Path, data: bytes) -> tuple[object, list[str], list[str]]:
    """Open the workbook; (reader, all sheet names, visible sheet names)."""
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
    except Exception as exc:  # fastexcel's own hierarchy; any failure means unreadable
        raise SourceError.of(
            "err_open_workbook", path=path, reason=str(exc).splitlines()[0]
        ) from None
    names = list(reader.sheet_names)
    visible = _visible_sheets(data, names)
    return reader, names, visible


def _visible_sheets(data: bytes, names: list[str]) -> list[str]:
    """The sheets not hidden, read from the workbook's metadata (no sheet is loaded).

    A chart sheet holds no rows: it is left out too, so that the first sheet, and
    `sheet: 1`, is the first sheet of cells even when a chart's tab comes first.
    """
    from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

    try:
        metadata = CalamineWorkbook.from_filelike(io.BytesIO(data)).sheets_metadata
    except (CalamineError, ValueError, OSError):
        return names
    hidden = {
        m.name
        for m in metadata
        if m.visible != SheetVisibleEnum.Visible or "ChartSheet" in str(getattr(m, "typ", ""))
    }
    return [n for n in names if n not in hidden]


def pick_sheet(path: Path, wanted: str | int | None, names: list[str], visible: list[str]) -> str:
    """The sheet a source names (a name or 1-based number), else the first visible one."""
    if isinstance(wanted, int):  # counted as the tabs show: hidden sheets are not counted
        if not 1 <= wanted <= len(visible):
            raise SourceError.of(
                "err_sheet_number",
                path=path,
                number=wanted,
                count=len(visible),
                sheets=", ".join(visible),
            )
        return visible[wanted - 1]
    if wanted is not None:
        for name in names:
            if header_key(name) == header_key(wanted):
                return name
        raise SourceError.of(
            "err_no_sheet",
            path=path,
            wanted=wanted,
            suggestion=closest(wanted, visible),
            sheets=", ".join(visible),
        )
    if not visible:
        raise SourceError.of("err_no_visible_sheet", path=path)
    return visible[0]


def load_sheet(path: Path, reader: object, sheet: str, columns: str | None = None) -> object:
    """Every cell of a sheet as text, from the first used row (no header handling); of
    the `columns` only ("A,C,F", Excel's letters), when given."""
    some = {} if columns is None else {"use_columns": columns}
    try:
        return reader.load_sheet(sheet, header_row=None, dtypes="string", **some)  # type: ignore[attr-defined]
    except Exception as exc:  # a sheet calamine cannot decode is unusable data
        raise read_error(path, sheet, exc) from None


# The error values calamine reads (as empty cells); Excel 365 has more (#SPILL!, #CALC!).
_KNOWN_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"}
_ERROR_VALUE = re.compile(rb'(<c\b[^>]*\bt="e"[^>]*>(?:(?!</c>).)*?<v>)([^<]*)(</v>)', re.DOTALL)


def _load_newer_errors(path: Path, data: bytes, sheet: str) -> object:
    """Load a sheet whose error cells include values calamine refuses (#SPILL!, #CALC!).

    Those cells are handed to calamine as #N/A: it reads them as empty, like every
    error cell, and the zip scan reports each with the value the workbook holds.
    Only a sheet that fails to load takes this path; any other failure is re-raised.
    """
    import fastexcel

    try:
        readable = _with_known_errors(data, sheet)
        reader = fastexcel.read_excel(readable) if readable is not None else None
    except Exception:  # the original failure is the one to report
        reader = None
    if reader is None:
        return load_sheet(path, fastexcel.read_excel(data), sheet)
    return load_sheet(path, reader, sheet)


def _with_known_errors(data: bytes, sheet: str) -> bytes | None:
    """The workbook with the sheet's unknown error values written as #N/A (None: none)."""

    def known(match: re.Match[bytes]) -> bytes:
        if match[2].decode("utf-8", "replace") in _KNOWN_ERRORS:
            return match[0]
        return match[1] + b"#N/A" + match[3]

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = _sheet_part(archive, sheet)
        if part is None or part not in archive.namelist():
            return None
        xml = archive.read(part)
        fixed = _ERROR_VALUE.sub(known, xml)
        if fixed == xml:
            return None
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
            for member in archive.infolist():
                copy.writestr(member, fixed if member.filename == part else archive.read(member))
        return out.getvalue()


def read_error(path: Path, sheet: str, exc: Exception) -> SourceError:
    """The error for a sheet calamine cannot load or hand over."""
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return SourceError.of("err_read_sheet", path=path, sheet=sheet, reason=reason)


def calamine_start(data: bytes, sheet: str) -> tuple[int, int]:
    """(first row, first column), 1-based, of a sheet's used range in .xls/.ods files."""
    first_row, first_column, _ = calamine_layout(data, sheet)
    return first_row, first_column


def calamine_layout(data: bytes, sheet: str) -> tuple[int, int, tuple[tuple[int, int, int], ...]]:
    """`calamine_start`, and the merged ranges spanning rows as `SheetInfo.merged` has them.

    calamine reads an .xls sheet's merged ranges (MERGEDCELLS records); an .ods's it
    does not (None), and the content.xml scan finds those.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        found = workbook.get_sheet_by_name(sheet)
        start, ranges = found.start, found.merged_cell_ranges or []
    except (CalamineError, ValueError, OSError):  # best effort: only row numbers depend on it
        return 1, 1, ()
    merged = tuple(
        (top + 1, left + 1, bottom + 1) for (top, left), (bottom, _) in ranges if bottom > top
    )
    first_row, first_column = (start[0] + 1, start[1] + 1) if start else (1, 1)
    return first_row, first_column, merged


# The first rows of a big .xlsx sheet, read from the top of its XML: which columns a
# run reads is told from them before calamine loads the sheet (`load`).
FIRST_ROWS_LIMIT = 8 << 20  # (bytes of the sheet's XML looked through for them)
_DIMENSION = re.compile(rb'<dimension\b[^>]*\bref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_SST_PREFIX = re.compile(rb"<(\w+):sst\b")
_ITEM = re.compile(rb"<si>(.*?)</si>|<si/>", re.S)
_RUN_TEXT = re.compile(rb"<t\b[^>]*>([^<]*)</t>")
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)
_CELLS_END = re.compile(rb"</(?:\w+:)?sheetData>")


@dataclass(frozen=True)
class FirstRows:
    """A sheet's first rows as text, None for an empty cell, from the used range's first
    cell (column `left`, 1 for A), `width` cells each. Text cells read as calamine
    reads them; a number or date cell is in the XML's form (46296, not 2026-10-01),
    and its row is among the `unsure` ones (places in `rows`)."""

    rows: list[tuple[str | None, ...]]
    width: int
    left: int
    unsure: frozenset[int]


def first_rows(data: bytes, sheet: str, count: int) -> FirstRows | None:
    """The first `count` rows of an .xlsx sheet, read from the top of its XML (calamine
    would load all of it). None when where they are is not sure: a cell or a row
    without its reference, a used range (`<dimension>`) that starts elsewhere, or
    rows that do not end in the first megabytes.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _sheet_part(archive, sheet)
            if part is None or part not in archive.namelist():
                return None
            xml = _sheet_head(archive, part, count)
            if xml is None:
                return None
            found = _head_cells(xml, count)
            if found is None:
                return None
            cells, parsed = found
            shared = sorted({int(v) for _, _, kind, v in cells if kind == "s" and v.isdigit()})
            strings = _shared_strings(archive, shared[-1]) if shared else []
            if strings is None:
                return None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, KeyError):
        return None
    placed = [(row, column) for row, column, kind, value in cells if value or kind == "str"]
    if not placed:
        return None
    top = min(row for row, _ in placed)
    left = min(column for _, column in placed)
    right = max(column for _, column in placed)
    # A later row may start further left, where calamine's range would start: sure only
    # from column A, or from where the used range that the sheet states starts.
    dimension = _DIMENSION.search(xml)
    if left > 1 and (dimension is None or column_number(dimension[1].decode()) != left):
        return None
    if dimension is not None and dimension[3]:
        right = max(right, column_number(dimension[3].decode()))
    width = right - left + 1
    grid: list[list[str | None]] = [[None] * width for _ in range(count)]
    unsure: set[int] = set()
    for row, column, kind, value in cells:
        if not top <= row < top + count or not value:
            continue
        if kind == "s":
            at = int(value) if value.isdigit() else -1
            text: str | None = strings[at] if 0 <= at < len(strings) else None
        elif kind == "e":
            text = None  # (calamine reads an error cell as empty)
        elif kind == "b":
            text = "true" if value == "1" else "false"
        else:
            text = value
            if kind not in ("str", "inlineStr"):  # a number, or a date in its style
                unsure.add(row - top)
        grid[row - top][column - left] = text
    # (the range ends at the sheet's last value; rows past those parsed are not known)
    last = max(row for row, _ in placed) if _CELLS_END.search(xml) else parsed
    height = min(count, last - top + 1)
    rows = [tuple(row) for row in grid[:height]]
    return FirstRows(rows, width, left, frozenset(unsure))


def _sheet_head(archive: zipfile.ZipFile, part: str, count: int) -> bytes | None:
    """The sheet's XML to the end of its row 2 × `count` (leading rows may hold only
    formatting), or of its cells when it has fewer, without a namespace prefix; None
    past FIRST_ROWS_LIMIT."""
    xml = b""
    prefix: bytes | None = None
    rows = 0
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK // 8):
            if prefix is None:
                found = _PREFIX.search(chunk)
                prefix = found[1] if found else b""
            xml += chunk
            rows += chunk.count(b"row>")  # (</row>, </x:row>; one cut in two is missed)
            if rows > 2 * count or _CELLS_END.search(xml, max(0, len(xml) - len(chunk) - 16)):
                return _unprefixed(xml, prefix)
            if len(xml) > FIRST_ROWS_LIMIT:
                return None
    return _unprefixed(xml, prefix or b"")


def _head_cells(xml: bytes, count: int) -> tuple[list[tuple[int, int, str, str]], int] | None:
    """(row, column, type, value) of the cells of the whole rows in `xml`, to the
    `count`th from the first holding a value (an inline string's value is its text),
    and the number of the last row read. None when a row or a cell has no reference."""
    end = xml.find(b"</sheetData>")
    whole = xml[: end if end >= 0 else xml.rfind(b"</row>") + 6]
    cells: list[tuple[int, int, str, str]] = []
    number = 0
    top: int | None = None
    for row in _ROW.finditer(whole):
        found_number = re.search(rb'\br="(\d+)"', row[1])
        if found_number is None:
            return None
        number = int(found_number[1])
        if top is None:  # (the first row with a value: only formatting above it)
            top = min((at for at, _, kind, value in cells if value or kind == "str"), default=None)
        if top is not None and number >= top + count:
            break
        for cell in _CELL.finditer(row[2] or b""):
            attrs, body = cell[1], cell[2] or b""
            ref = _REF.search(attrs)
            if ref is None:
                return None
            kind = _TYPE.search(attrs)
            type_ = kind[1].decode() if kind else "n"
            if type_ == "inlineStr":
                value = _text_of(body)
            else:
                found = _VALUE.search(body)
                value = _xml_text(found[1]) if found else ""
            cells.append((int(ref[2]), column_number(ref[1].decode()), type_, value))
    return cells, number


def _text_of(item: bytes) -> str:
    """A shared or inline string's text: its runs, without their phonetic readings."""
    if b"<rPh" in item:
        item = _PHONETIC.sub(b"", item)
    return _xml_text(b"".join(_RUN_TEXT.findall(item)))


def _xml_text(raw: bytes) -> str:
    """A cell's text as an XML parser and calamine read it: line ends as LF, entities
    and Excel's escapes of control characters (_x000D_) replaced."""
    text = raw.decode("utf-8", "replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _unescape(text)
    return _ESCAPED.sub(lambda found: chr(int(found[1], 16)), text) if "_x" in text else text


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _shared_strings(archive: zipfile.ZipFile, last: int) -> list[str] | None:
    """The workbook's shared strings up to number `last` (streamed: not all of them)."""
    part = _shared_part(archive)
    if part is None or part not in archive.namelist():
        return None
    strings: list[str] = []
    carry = b""
    prefix: bytes | None = None
    with archive.open(part) as stream:
        while len(strings) <= last and (chunk := stream.read(CHUNK)):
            if prefix is None:
                found = _SST_PREFIX.search(chunk)
                prefix = found[1] if found else b""
            data = _unprefixed(carry + chunk, prefix)
            ends = [at + 5 for at in (data.rfind(b"</si>"), data.rfind(b"<si/>")) if at >= 0]
            cut = max(ends, default=0)  # (after the last whole item)
            strings += [_text_of(item[1] or b"") for item in _ITEM.finditer(data[:cut])]
            carry = data[cut:]
    return strings if len(strings) > last else None


def _shared_part(archive: zipfile.ZipFile) -> str | None:
    try:
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return None
    for blob in _REL.findall(rels):
        attrs = _attrs(blob)
        if attrs.get("Type", "").endswith("/sharedStrings"):
            target = attrs.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None
