"""Reading input files (CSV and Excel) into tables of text, one per source.

Every cell is read as text; `records` parses the columns a config uses. Row
numbers are those a spreadsheet shows: the header row is `header_row`, the first
data row is `header_row + 1`.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from scorecard.config_load import suggest
from scorecard.errors import SourceError

ROW = "__row"
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class FileSpec:
    """Where and how to read one file (a source, the roster or the targets file)."""

    name: str
    path: Path
    sheet: str | int | None = None
    encoding: str = "auto"
    delimiter: str = "auto"
    header_row: int = 1


@dataclass(frozen=True)
class Table:
    """One file's cells as text, with the spreadsheet row number of each row in `__row`."""

    name: str
    path: Path
    frame: pl.DataFrame
    headers: tuple[str, ...]
    duplicates: frozenset[str] = field(default_factory=frozenset)
    encoding: str = "utf-8"

    def column(self, wanted: str, role: str = "column") -> str:
        """The frame column for a configured header (trimmed, case-folded, NFKC-normalised)."""
        key = header_key(wanted)
        matches = [h for h in self.headers if header_key(h) == key]
        if not matches:
            raise SourceError(
                f"{self.path}: no {role} '{wanted}' (source '{self.name}')"
                f"{suggest(wanted, self.headers)}."
                f" Available headers: {', '.join(self.headers) or '(none)'}."
            )
        if key in self.duplicates:
            raise SourceError(
                f"{self.path}: the header '{wanted}' appears more than once (source "
                f"'{self.name}'); rename one of the columns or point the config at another."
            )
        return matches[0]


def header_key(text: str) -> str:
    """How headers are compared: trimmed, NFKC-normalised, case-folded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def read_table(spec: FileSpec) -> Table:
    """Read a CSV or Excel file into a Table of text cells."""
    path = spec.path
    if not path.exists():
        raise SourceError(f"{path}: file not found (source '{spec.name}').")
    if path.is_dir():
        raise SourceError(f"{path}: is a folder, not a file (source '{spec.name}').")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        raw, encoding = _read_excel(spec), "xlsx"
    else:
        raw, encoding = _read_csv(spec)
    return _to_table(spec, raw, encoding)


def _to_table(spec: FileSpec, raw: pl.DataFrame, encoding: str) -> Table:
    if raw.height == 0:
        raise SourceError(
            f"{spec.path}: no header row at row {spec.header_row} "
            f"(source '{spec.name}'); the file has fewer rows."
        )
    header_cells = [str(v).strip() if v is not None else "" for v in raw.row(0)]
    names: list[str] = []
    seen: dict[str, int] = {}
    duplicates: set[str] = set()
    for index, cell in enumerate(header_cells):
        name = cell or f"(column {index + 1})"
        key = header_key(name)
        if key in seen:
            duplicates.add(key)
            seen[key] += 1
            name = f"{name} ({seen[key]})"
        else:
            seen[key] = 1
        names.append(name)
    frame = raw.slice(1).rename(dict(zip(raw.columns, names, strict=True)))
    frame = frame.with_columns(
        pl.int_range(spec.header_row + 1, spec.header_row + 1 + frame.height, dtype=pl.Int64).alias(
            ROW
        )
    )
    blank = pl.all_horizontal(
        [pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in names]
    )
    frame = frame.filter(~blank) if names else frame
    return Table(spec.name, spec.path, frame, tuple(names), frozenset(duplicates), encoding)


def _detect_encoding(data: bytes, declared: str) -> str:
    if declared.lower() != "auto":
        try:
            codecs.lookup(declared)
        except LookupError:
            raise SourceError(f"unknown encoding '{declared}'.") from None
        return declared
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        return "latin-1"


def _detect_delimiter(text: str, declared: str, suffix: str) -> str:
    if declared != "auto":
        return declared
    if suffix == ".tsv":
        return "\t"
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    best, best_score = ",", (-1.0, 0)
    for candidate in DELIMITERS:
        counts = [ln.count(candidate) for ln in lines]
        if not counts or max(counts) == 0:
            continue
        mode = max(set(counts), key=counts.count)
        consistency = counts.count(mode) / len(counts)
        score = (consistency if mode > 0 else 0.0, mode)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_csv(spec: FileSpec) -> tuple[pl.DataFrame, str]:
    try:
        data = spec.path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{spec.path}: cannot read the file ({exc.strerror}).") from None
    encoding = _detect_encoding(data, spec.encoding)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{spec.path}: the file is not valid {encoding} (byte {exc.start}); set `encoding:` "
            f"on source '{spec.name}' (e.g. gb18030 or utf-8)."
        ) from None
    text = text.removeprefix("\ufeff")
    delimiter = _detect_delimiter(text, spec.delimiter, spec.path.suffix.lower())
    payload = data if encoding == "utf-8" else text.encode("utf-8")
    try:
        frame = pl.read_csv(
            io.BytesIO(payload),
            has_header=False,
            infer_schema=False,
            skip_rows=spec.header_row - 1,
            separator=delimiter,
            truncate_ragged_lines=True,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SourceError(f"{spec.path}: cannot parse the CSV file ({first}).") from None
    return frame, encoding


def _read_excel(spec: FileSpec) -> pl.DataFrame:
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(spec.path))
    except Exception as exc:  # fastexcel raises its own hierarchy; any failure means unreadable
        raise SourceError(
            f"{spec.path}: cannot open the workbook ({str(exc).splitlines()[0]}); is it a "
            "valid, unencrypted Excel file?"
        ) from None
    names: list[str] = list(reader.sheet_names)
    sheet = _pick_sheet(spec, reader, names)
    try:
        loaded = reader.load_sheet(
            sheet, header_row=None, skip_rows=spec.header_row - 1, dtypes="string"
        )
        frame = loaded.to_polars()
    except Exception as exc:  # same: a sheet that cannot be decoded is unusable data
        raise SourceError(f"{spec.path}: cannot read sheet '{sheet}' ({exc}).") from None
    return frame.with_columns(pl.all().cast(pl.String))


def _pick_sheet(spec: FileSpec, reader: object, names: list[str]) -> str:
    if isinstance(spec.sheet, int):
        if not 1 <= spec.sheet <= len(names):
            raise SourceError(
                f"{spec.path}: there is no sheet number {spec.sheet}; the workbook "
                f"has {len(names)} sheet(s): {', '.join(names)}."
            )
        return names[spec.sheet - 1]
    if spec.sheet is not None:
        for name in names:
            if header_key(name) == header_key(spec.sheet):
                return name
        raise SourceError(
            f"{spec.path}: no sheet '{spec.sheet}'{suggest(spec.sheet, names)}. "
            f"Sheets: {', '.join(_visible(reader, names))}."
        )
    visible = _visible(reader, names)
    if not visible:
        raise SourceError(f"{spec.path}: the workbook has no visible sheet.")
    return visible[0]


def _visible(reader: object, names: list[str]) -> list[str]:
    visible = []
    for name in names:
        sheet = reader.load_sheet(name, n_rows=0)  # type: ignore[attr-defined]
        if getattr(sheet, "visible", "visible") == "visible":
            visible.append(name)
    return visible
