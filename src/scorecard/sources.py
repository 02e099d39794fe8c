"""Reading input files (CSV and Excel) into tables of text, one per source.

Every cell is read as text; `records` parses the columns a config uses. Row
numbers are those a spreadsheet shows: the header row is `header_row`, the first
data row is `header_row + 1`. The format is decided by the file's content, not
its extension: an .xlsx that is really CSV is read as CSV (and said so).
"""

from __future__ import annotations

import mmap
import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from scorecard import sources_csv, sources_excel
from scorecard.errors import SourceError
from scorecard.filespec import EXCEL_SUFFIXES, FileSpec, header_key
from scorecard.i18n import issue
from scorecard.nearest import closest
from scorecard.report import Issue

ROW = "__row"
ROLES = {
    "column": "@role_column",
    "person column": "@role_person",
    "date column": "@role_date",
    "roster column": "@role_roster",
    "targets column": "@role_targets",
    "dedupe key column": "@role_dedupe_key",
    "dedupe order_by column": "@role_dedupe_order",
}
TOTALS_WORDS = {
    "合计",
    "总计",
    "小计",
    "總計",
    "合計",
    "total",
    "totals",
    "grand total",
    "sum",
    "subtotal",
}
HEADER_SEARCH_ROWS = 30
TRAILING_ROWS_CHECKED = 3


@dataclass(frozen=True)
class Table:
    """One file's cells as text, with the spreadsheet row number of each row in `__row`."""

    name: str
    path: Path
    frame: pl.DataFrame
    headers: tuple[str, ...]
    duplicates: frozenset[str] = field(default_factory=frozenset)
    encoding: str = "utf-8"
    issues: tuple[Issue, ...] = ()
    date1904: bool = False

    @property
    def workbook(self) -> bool:
        """Whether the cells come from a spreadsheet (date cells read as ISO text)."""
        return self.encoding == "xlsx"

    def column(self, wanted: str, role: str = "column") -> str:
        """The frame column for a configured header (trimmed, case-folded, NFKC-normalised)."""
        key = header_key(wanted)
        matches = [h for h in self.headers if header_key(h) == key]
        if not matches:
            close = closest(wanted, self.headers)
            raise SourceError.of(
                "err_no_column_hint" if close else "err_no_column",
                path=self.path,
                role=ROLES.get(role, role),
                wanted=wanted,
                source=self.name,
                suggestion=close,
                headers=", ".join(self.headers) or "-",
            )
        if key in self.duplicates:
            raise SourceError.of(
                "err_duplicate_header", path=self.path, wanted=wanted, source=self.name
            )
        return matches[0]


def read_table(spec: FileSpec, loaded: sources_excel.Loaded | None = None) -> Table:
    """Read a CSV or Excel file into a Table of text cells.

    `loaded`: the workbook's sheet already loaded from the file (by the read-ahead).
    """
    path = spec.path
    if not path.exists():
        raise SourceError.of("err_file_not_found", path=path, source=spec.name)
    if path.is_dir():
        raise SourceError.of("err_is_folder", path=path, source=spec.name)
    try:
        with open(path, "rb") as handle:
            data: bytes | mmap.mmap = (
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                if os.fstat(handle.fileno()).st_size
                else b""
            )
    except OSError as exc:
        raise SourceError.of("err_cannot_read", path=path, reason=exc.strerror) from None
    suffix = path.suffix.lower()
    issues: list[Issue] = []
    head = bytes(data[:8])
    if head.startswith(sources_excel.OLE_MAGIC) and suffix in {".xlsx", ".xlsm"}:
        raise SourceError.of("err_encrypted", path=path)
    if head.startswith((sources_excel.ZIP_MAGIC, sources_excel.OLE_MAGIC)):
        if suffix not in EXCEL_SUFFIXES:
            issues.append(
                issue("info", "format-mismatch", "issue_format_excel", spec.name, file=path.name)
            )
        return _excel_table(spec, bytes(data), issues, loaded)
    if suffix in EXCEL_SUFFIXES:
        # Web "Export to Excel" buttons save HTML or Excel 2003 XML under .xls: say so.
        markup = sources_excel.markup_kind(bytes(data[:4096]))
        if markup:
            raise SourceError.of(f"err_{markup}_as_excel", path=path, suffix=suffix)
        issues.append(
            issue("info", "format-mismatch", "issue_format_csv", spec.name, file=path.name)
        )
    kind = sources_csv.binary_kind(bytes(data[:4096]), spec.encoding)
    if kind:
        raise SourceError.of("err_not_text", path=path, kind=kind, suffix=suffix or "(none)")
    return _csv_table(spec, data, issues)


def _csv_table(spec: FileSpec, data: bytes | mmap.mmap, issues: list[Issue]) -> Table:
    parsed = sources_csv.read_csv_text(
        str(spec.path),
        data,
        spec.encoding,
        spec.delimiter,
        spec.header_row - 1,
        spec.path.suffix.lower(),
    )
    if spec.encoding.lower() == "auto" and parsed.encoding in sources_csv.SINGLE_BYTE:
        issues.append(
            issue(
                "warning",
                "encoding-guessed",
                "issue_encoding_guessed",
                spec.name,
                encoding=parsed.encoding,
            )
        )
    if parsed.nul_bytes:
        issues.append(
            issue("warning", "nul-bytes", "issue_nul_bytes", spec.name, count=parsed.nul_bytes)
        )
    base = spec.header_row
    for ragged in parsed.ragged:
        extra = ", ".join(ragged.extra)[:200]
        issues.append(
            issue(
                "warning",
                "ragged-row",
                "issue_ragged_row",
                spec.name,
                row=base + ragged.index,
                value=extra,
                count=len(ragged.extra),
                values=extra,
            )
        )
    return _to_table(spec, parsed.frame, base, 0, parsed.encoding, issues)


def _excel_table(
    spec: FileSpec, data: bytes, issues: list[Issue], loaded: sources_excel.Loaded | None
) -> Table:
    if loaded is None or loaded.data != data:  # not loaded ahead, or the file changed since
        loaded = sources_excel.load(spec.path, data, spec.sheet)
    info = loaded.info
    raw = _sheet_frame(spec.path, loaded)
    header_index = max(0, spec.header_row - info.first_row)
    if spec.sheet is None and spec.expect and _header_at(raw, header_index, spec.expect) is None:
        # The first tab is often a cover or notes sheet: point at the tab that has the data.
        other = _sheet_with_headers(spec, data, loaded.sheet)
        if other:
            raise SourceError.of(
                "err_data_on_other_sheet",
                path=spec.path,
                sheet=loaded.sheet,
                columns=", ".join(spec.expect),
                source=spec.name,
                other=other,
            )
    table = _to_table(spec, raw, info.first_row, header_index, "xlsx", issues, info.date1904)
    if info.formulas_without_value:
        table = _flag_formulas(table, raw, info)
    return table


def _sheet_frame(path: Path, loaded: sources_excel.Loaded) -> pl.DataFrame:
    """A loaded sheet's cells as a frame of text, each error cell holding its text (#N/A)."""
    try:
        raw: pl.DataFrame = loaded.cells.to_polars()  # type: ignore[attr-defined]
    except Exception as exc:  # a sheet calamine cannot hand over is unusable data
        raise sources_excel.read_error(path, loaded.sheet, exc) from None
    raw = raw.with_columns(pl.all().cast(pl.String))
    info = loaded.info
    by_column: dict[int, list[tuple[int, str]]] = {}
    for row, col, text in info.errors:  # calamine reads them as empty
        index, offset = row - info.first_row, col - info.first_column
        if 0 <= index < raw.height and 0 <= offset < raw.width:
            by_column.setdefault(offset, []).append((index, text))
    for offset, cells in by_column.items():
        name = raw.columns[offset]
        column = raw[name].scatter([i for i, _ in cells], [t for _, t in cells])
        raw = raw.with_columns(column.alias(name))
    return raw


def _flag_formulas(table: Table, raw: pl.DataFrame, info: sources_excel.SheetInfo) -> Table:
    issues = list(table.issues)
    names = list(table.headers)
    # A totals row is not scored: its sums having no saved value does not matter.
    totals = {i.row for i in issues if i.code == "totals-row"}
    for row, col in info.formulas_without_value:
        if row in totals:
            continue
        index = col - info.first_column
        column = names[index] if 0 <= index < len(names) else None
        issues.append(
            issue(
                "warning",
                "formula-without-value",
                "issue_formula_without_value",
                table.name,
                row=row,
                column=column,
            )
        )
    return Table(
        table.name,
        table.path,
        table.frame,
        table.headers,
        table.duplicates,
        table.encoding,
        tuple(issues),
        table.date1904,
    )


def _find_header(raw: pl.DataFrame, start: int, expect: tuple[str, ...]) -> int:
    """The configured header row, or the first row below it that holds every expected column.

    When no row holds them all (a column renamed or misspelt), the row holding most
    of them, at least half, is the header: a missing-column error then lists that
    row's headers and the closest match, not the cells of a title row above it.
    """
    if not expect or raw.height == 0:
        return start
    found = _header_at(raw, start, expect)
    return _likeliest_header(raw, start, expect) if found is None else found


def _likeliest_header(raw: pl.DataFrame, start: int, expect: tuple[str, ...]) -> int:
    wanted = {header_key(e) for e in expect}
    counts = [
        len(wanted & {header_key(str(v)) for v in raw.row(index) if v is not None})
        for index in range(start, min(raw.height, start + HEADER_SEARCH_ROWS))
    ]
    best = max(counts)
    if best > counts[0] and 2 * best >= len(wanted):
        return start + counts.index(best)
    return start


def _header_at(raw: pl.DataFrame, start: int, expect: tuple[str, ...]) -> int | None:
    """The first row from `start` (within HEADER_SEARCH_ROWS) holding every expected column."""
    wanted = {header_key(e) for e in expect}
    for index in range(start, min(raw.height, start + HEADER_SEARCH_ROWS)):
        cells = {header_key(str(v)) for v in raw.row(index) if v is not None}
        if wanted <= cells:
            return index
    return None


def _sheet_with_headers(spec: FileSpec, data: bytes, read: str) -> str | None:
    """Another visible sheet whose first rows hold every expected column, if one does."""
    reader, _names, visible = sources_excel.sheet_names(spec.path, data)
    for sheet in visible:
        if sheet == read:
            continue
        try:
            cells = sources_excel.load_sheet(spec.path, reader, sheet)
            frame = cells.to_polars().cast(pl.String)  # type: ignore[attr-defined]
        except Exception:  # a sheet that cannot be read is not the one with the data
            continue
        if _header_at(frame, 0, spec.expect) is not None:
            return sheet
    return None


def _to_table(
    spec: FileSpec,
    raw: pl.DataFrame,
    base: int,
    header_index: int,
    encoding: str,
    issues: list[Issue],
    date1904: bool = False,
) -> Table:
    """Name the columns from the header row; number the rows; drop blank and totals rows."""
    found = _find_header(raw, header_index, spec.expect)
    if found != header_index:
        issues.append(
            issue(
                "info",
                "header-row",
                "issue_header_row",
                spec.name,
                row=base + found,
                found=base + found,
                configured=base + header_index,
            )
        )
    if raw.height <= found:
        raise SourceError.of(
            "err_no_header_row", path=spec.path, row=base + found, source=spec.name
        )
    header_cells = [str(v).strip() if v is not None else "" for v in raw.row(found)]
    names, duplicates = _header_names(header_cells)
    # One contiguous chunk per column: the CSV reader hands back one per block of the
    # file, and every later pass over the columns (parsing, grouping) is faster on one.
    frame = raw.slice(found + 1).rename(dict(zip(raw.columns, names, strict=True))).rechunk()
    first = base + found + 1
    frame = frame.with_columns(pl.int_range(first, first + frame.height, dtype=pl.Int64).alias(ROW))
    blank = _blank_rows(frame, names) if names else []
    totals = _totals_rows(frame, names, blank)
    frame = _without_rows(frame, [*blank, *(row for row, _ in totals)])
    for row, word in totals:
        issues.append(
            issue(
                "info", "totals-row", "issue_totals_row", spec.name, row=row, value=word, word=word
            )
        )
    return Table(
        spec.name,
        spec.path,
        frame,
        tuple(names),
        frozenset(duplicates),
        encoding,
        tuple(issues),
        date1904,
    )


def _empty(column: str) -> pl.Expr:
    return pl.col(column).is_null() | (pl.col(column).str.strip_chars() == "")


def _blank_rows(frame: pl.DataFrame, names: list[str]) -> list[int]:
    """Rows whose every cell is empty; only rows with an empty first cell are looked at.

    A first cell that starts with a printable ASCII character is filled, whatever
    follows: only the others (empty, or starting with a space, a control or a
    non-ASCII character such as U+3000) are trimmed to tell.
    """
    first = frame[names[0]]
    if first.dtype == pl.String:
        unsure = ((first < "!") | (first > "~")).fill_null(True)
        if not unsure.any():
            return []
        frame = frame.filter(unsure)
    candidates = frame.filter(_empty(names[0]))
    if candidates.height == 0:
        return []
    blank = candidates.filter(pl.all_horizontal([_empty(c) for c in names[1:]] or [True]))
    return blank[ROW].to_list()


def _without_rows(frame: pl.DataFrame, rows: list[int]) -> pl.DataFrame:
    """`frame` without the rows numbered `rows`.

    The usual case, blank and totals rows at the end of the export, is a slice of
    the frame's first rows (no copy); rows elsewhere are filtered out.
    """
    if not rows:
        return frame
    if frame[ROW].tail(len(rows)).to_list() == sorted(rows):
        return frame.head(frame.height - len(rows))
    return frame.filter(~pl.col(ROW).is_in(rows))


def _reserved(name: str) -> bool:
    """A header polars would read as a wildcard or a regex, or the row-number column."""
    return name in ("*", ROW) or (len(name) > 1 and name.startswith("^") and name.endswith("$"))


def _header_names(cells: list[str]) -> tuple[list[str], set[str]]:
    names: list[str] = []
    seen: dict[str, int] = {}
    duplicates: set[str] = set()
    for index, cell in enumerate(cells):
        name = cell or f"(column {index + 1})"
        if _reserved(name):
            name = f"{name} (column {index + 1})"
        key = header_key(name)
        if key in seen:
            duplicates.add(key)
            seen[key] += 1
            name = f"{name} ({seen[key]})"
        else:
            seen[key] = 1
        names.append(name)
    return names, duplicates


def _totals_rows(frame: pl.DataFrame, names: list[str], blank: list[int]) -> list[tuple[int, str]]:
    """Trailing rows labelled 合计 / Total / Grand Total (blank rows aside): flagged, not scored."""
    if frame.height == 0 or not names:
        return []
    tail = frame.tail(TRAILING_ROWS_CHECKED + len(blank))
    if blank:
        tail = tail.filter(~pl.col(ROW).is_in(blank)).tail(TRAILING_ROWS_CHECKED)
    totals: list[tuple[int, str]] = []
    for record in tail.iter_rows(named=True):
        # The label of a totals row is its first filled cell; a customer named "Total"
        # in a later column of an ordinary row is data.
        label = next((v for v in (record[n] for n in names) if v and v.strip()), None)
        if label is not None and header_key(label).rstrip(":：") in TOTALS_WORDS:
            totals.append((int(record[ROW]), label.strip()))
    return totals
