"""CSV input: encoding and delimiter detection, a fast polars path and a forgiving fallback.

The fast path hands the whole file to polars. A file of rows of different widths
(ragged rows, preamble lines) or with a quote inside a cell goes to polars again, as
wide as its widest line. Only a file whose quotes polars cannot place at all (one
never closed in the middle) goes through Python's csv module, which keeps every row.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import io
import mmap
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from scorecard.errors import SourceError

DELIMITERS = (",", ";", "\t", "|")
PREFIX = 1 << 20
DELIMITER_SAMPLE = 1 << 16  # the characters the delimiter is told from (at most 50 lines)


@dataclass(frozen=True)
class CsvText:
    """A CSV file's raw cells (header row first) and what reading it found."""

    frame: pl.DataFrame
    encoding: str
    delimiter: str
    nul_bytes: int
    # The cells each row was written with, when rows differ (the frame is as wide as the
    # widest, shorter rows padded); () when every row is as wide as the frame.
    widths: tuple[int, ...]
    # Cells that read lines of the file into themselves from a quote never closed, as
    # (row index, column index, lines read in): those lines are no rows of their own.
    unclosed: tuple[tuple[int, int, int], ...] = ()
    # Cells of a UTF-8 file that held bytes of another encoding (U+FFFD in their
    # place), as (row index, column index).
    replaced: tuple[tuple[int, int], ...] = ()
    # When only some columns were read: their places in the file (the frame's columns).
    kept: tuple[int, ...] | None = None


# Files that are never a text export, by their first bytes.
_BINARY_MAGICS = (
    (b"\x89PNG", "PNG"),
    (b"%PDF-", "PDF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
)
# Control bytes that text does not hold (TAB, LF, CR, FF and NUL are left out:
# NULs come from UTF-16 and from padded exports, which are read).
_CONTROL = bytes([*range(1, 9), 11, *range(14, 32), 127])


def binary_kind(head: bytes, declared_encoding: str) -> str | None:
    """A file type's name ("PNG", …, or "binary") when `head` is not text.

    A declared encoding (UTF-16 without a BOM, say) may hold any byte: only the
    magic numbers are checked then.
    """
    for magic, kind in _BINARY_MAGICS:
        if head.startswith(magic):
            return kind
    if declared_encoding.lower() != "auto" or head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        return None
    if utf16_order(head):  # (a hanzi's low byte may be a control byte)
        return None
    controls = len(head) - len(head.translate(None, _CONTROL))
    return "binary" if controls >= 8 and controls * 20 > len(head) else None


# What a file that is not UTF-8 and does not read as Chinese is read as: Excel's "CSV"
# on a Western Windows writes Windows-1252 (’ “ ” – € in 0x80-0x9F, where Latin-1 has
# control characters); Latin-1 reads any byte, for the few Windows-1252 leaves undefined.
SINGLE_BYTE = ("cp1252", "latin-1")
# A UTF-8 file with a few cells in another encoding (pasted from a GBK export, typed
# on an old system): read as UTF-8, each byte that is not replaced by U+FFFD and
# its cell reported, instead of the whole file read in an encoding that garbles it.
UTF8_REPLACED = "utf-8, other bytes replaced"


# A GB18030 character of the GB2312 set (the common hanzi and the full-width signs,
# all that simplified-Chinese exports hold in practice), or any double-byte pair.
_GB2312_PAIR = re.compile(rb"[\xa1-\xf7][\xa1-\xfe]")
_DOUBLE_BYTE = re.compile(rb"[\x81-\xfe][\x40-\x7e\x80-\xfe]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
# A run of ASCII letters and bytes from 0x80 up: a word, when it holds such a byte.
_LETTERS = re.compile(rb"[A-Za-z\x80-\xff]+")
_SAMPLE = 1 << 18


def _reads_as_chinese(data: bytes) -> bool:
    """Whether text that decodes both as GB18030 and as Windows-1252 is Chinese.

    Both read almost any bytes, but differently. In Chinese text (GB18030, and Big5,
    which also decodes as GB18030) the words with such bytes are mostly made of them,
    two per character. Western text has an accented letter or a curly quote here and
    there in a word of ASCII letters ("Pérez", "O’Brien", "Conceição"), and the pairs
    its bytes make are mostly not of the GB2312 set ("Pérez" is E9 72).
    """
    first = _HIGH_BYTE.search(data)
    if first is None:
        return True
    start, lowest = first.start(), max(0, first.start() - 64)
    while start > lowest and data[start - 1 : start].isalpha():
        start -= 1  # from the start of its word
    sample = data[start : start + _SAMPLE]
    # The words: runs of ASCII letters and such bytes that hold one (each such byte is
    # in one of them). A run with none is skipped (a scan that looks for the words in
    # one pattern goes over each run of ASCII letters again from each of its letters).
    letters = sum(len(word) for word in _LETTERS.findall(sample) if not word.isascii())
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    if 2 * high < letters:  # mostly ASCII letters around them: Western
        return False
    pairs = len(_DOUBLE_BYTE.findall(sample))
    return 2 * len(_GB2312_PAIR.findall(sample)) >= pairs


def detect_encoding(data: bytes, declared: str, whole: bool = False) -> str:
    """BOM → UTF-8 → GB18030 → Windows-1252 → Latin-1 (a declared encoding other than `auto` wins).

    `data` may be a prefix of the file (unless `whole`): a multi-byte character cut
    at its end is not held against it. Text that reads both as GB18030 and as
    Windows-1252 is taken for whichever it looks like (`_reads_as_chinese`).
    """
    if declared.lower() != "auto":
        try:
            codecs.lookup(declared)
        except LookupError:
            raise SourceError.of("err_encoding", encoding=declared) from None
        return declared
    if data.startswith(codecs.BOM_UTF8):
        bad = whole and not _decodes(data, "utf-8", whole)
        return UTF8_REPLACED if bad and mostly_utf8(data, whole) else "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    wide = utf16_order(data)
    if wide and _decodes(data, wide, whole):
        return wide
    if _decodes(data, "utf-8", whole):
        return "utf-8"
    if mostly_utf8(data, whole):
        return UTF8_REPLACED
    western = _decodes(data, SINGLE_BYTE[0], whole)
    if _decodes(data, "gb18030", whole) and (not western or _reads_as_chinese(data)):
        return "gb18030"
    return SINGLE_BYTE[0] if western else SINGLE_BYTE[1]


# The encodings of files that are neither UTF-8 nor UTF-16, told apart by their bytes
# (`detect_encoding`) or, for a few rows of Big5, by the headers the config names.
LEGACY = ("gb18030", "big5", *SINGLE_BYTE)


def _naming(head: bytes, expect: tuple[str, ...]) -> str | None:
    """The one legacy encoding in which `head` holds every header of `expect`, if any.

    Big5 (Traditional Chinese) bytes also decode as GB18030 and as Windows-1252,
    as other text: a two-row file gives its bytes too few pairs to tell. The names
    the config expects in its header do: 業務員 is one sequence of bytes in Big5,
    another in GB18030. Headers in ASCII tell nothing.
    """
    wanted = [name for name in expect if not name.isascii()]
    if not wanted:
        return None
    sample = head[: 1 << 16]
    found = []
    for encoding in LEGACY[:-1]:  # (Latin-1 reads as Windows-1252 does where it matters)
        try:
            encoded = [name.encode(encoding) for name in wanted]
        except UnicodeEncodeError:
            continue
        if all(name in sample for name in encoded):
            found.append(encoding)
    return found[0] if len(found) == 1 else None


def utf16_order(head: bytes) -> str | None:
    """The byte order of UTF-16 text without a BOM ("utf-16-le", "utf-16-be"), or None.

    A CSV's delimiters, digits and line ends are ASCII: in UTF-16 each has a zero
    byte beside it, all on the same side (the second byte of the pair in
    little-endian order). Stray NULs in other text (an export padded with them)
    fall on both sides alike.
    """
    sample = head[:PREFIX]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    high, low = sample[1::2].count(0), sample[0::2].count(0)
    for zeros, others, order in ((high, low, "utf-16-le"), (low, high, "utf-16-be")):
        if zeros * 8 >= pairs and others * 20 <= zeros:
            return order
    return None


def mostly_utf8(data: bytes | mmap.mmap, whole: bool) -> bool:
    """UTF-8 but for a few bytes: its valid characters beyond ASCII outnumber the
    invalid bytes three to one. (GBK text read as UTF-8 is mostly invalid, about one
    character in seven valid by chance; Windows-1252 text is all invalid.)"""
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(bytes(data), final=whole)
    bad = text.count("\ufffd")
    beyond_ascii = len(text) - len(text.encode("ascii", "ignore")) - bad
    return bad > 0 and beyond_ascii >= 3 * bad


def _decodes(data: bytes, encoding: str, whole: bool) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=whole)
    except UnicodeDecodeError:
        return False
    return True


def detect_delimiter(text: str, declared: str, suffix: str, encoding: str) -> str:
    """The candidate whose count per line is most consistent (ties: the more columns)."""
    if declared != "auto":
        return declared
    if suffix == ".tsv" or (encoding.startswith("utf-16") and "\t" in text[:4096]):
        return "\t"
    lines = [ln for ln in text[:DELIMITER_SAMPLE].splitlines()[:50] if ln.strip()]
    best, best_score = ",", (-1.0, 0)
    for candidate in DELIMITERS:
        counts = [_count_outside_quotes(ln, candidate) for ln in lines]
        if not counts or max(counts) == 0:
            continue
        mode = max(set(counts), key=lambda c: (counts.count(c), c))
        score = (counts.count(mode) / len(counts) if mode else 0.0, mode)
        if score > best_score:
            best, best_score = candidate, score
    return best


_QUOTED = re.compile(rb'"[^"]*"')


_EXCEL_SEPARATOR = re.compile(rb"(?:\xef\xbb\xbf)?sep=([,;\t|])(?:\r\n|\r|\n)", re.IGNORECASE)


def excel_separator(head: bytes) -> str | None:
    """The delimiter named by a first line `sep=;`, which Excel reads and hides, if any."""
    match = _EXCEL_SEPARATOR.match(head)
    return match[1].decode() if match else None


def _cr_only(head: bytes) -> bool:
    """Lines ended by CR alone, as Excel for Mac's "CSV (Macintosh)" writes them.

    A cell may still hold a line break (CR LF or LF), and a cell in a file of line
    feeds a carriage return, so the test is which is the more common outside quotes:
    a CR on its own or a line feed.
    """
    if b"\r" not in head or head.count(b"\r") == head.count(b"\r\n"):
        return False
    unquoted = _QUOTED.sub(b"", head)
    return unquoted.count(b"\r") - unquoted.count(b"\r\n") > unquoted.count(b"\n")


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def read_csv_text(
    path: str,
    data: bytes | mmap.mmap,
    declared_encoding: str,
    declared_delimiter: str,
    skip_lines: int,
    suffix: str,
    expect: tuple[str, ...] = (),
    keep: Keep | None = None,
) -> CsvText:
    """Decode and split a CSV file into text cells; row 0 is the line after `skip_lines`.

    UTF-8 files without NUL bytes go to polars as they are (the common, fast case);
    anything else is decoded in Python first. `expect`: headers the file should
    have (the person and date columns), which can tell its legacy encoding.
    `keep`: which columns to read, told from the file's first rows (see `Keep`).
    """
    head = bytes(data[:PREFIX])
    encoding = detect_encoding(head, declared_encoding)
    if declared_encoding.lower() == "auto" and encoding in LEGACY:
        encoding = _naming(head, expect) or encoding
    fast = encoding in ("utf-8", "utf-8-sig") and not _cr_only(head)
    refused = ""  # (the encoding polars was handed the file in and refused it)
    if fast and data.find(b"\x00") < 0:
        plain = encoding == "utf-8" and not skip_lines
        source: str | io.BytesIO = path
        if plain and not _utf8_name(path):  # (polars opens only paths that are UTF-8)
            source = io.BytesIO(bytes(data))
        if not plain:  # a BOM or preamble lines to drop: hand polars a trimmed copy
            trimmed = bytes(data).removeprefix(codecs.BOM_UTF8)
            trimmed = trimmed.split(b"\n", skip_lines)[-1] if skip_lines else trimmed
            source, head = io.BytesIO(trimmed), trimmed[:PREFIX]
        # (`detect_delimiter` looks at the first 64K characters: at most 4 bytes each)
        sample = codecs.getincrementaldecoder("utf-8")("replace").decode(
            head[: 4 * DELIMITER_SAMPLE]
        )
        delimiter = detect_delimiter(sample, declared_delimiter, suffix, encoding)
        some = keep if len(data) >= READ_SOME_FROM else None
        try:
            return _read_polars(source, data, encoding, delimiter, 0, some)
        except pl.exceptions.PolarsError:
            refused = encoding
            if declared_encoding.lower() == "auto":
                # the prefix was UTF-8, the rest not
                encoding = detect_encoding(bytes(data), "auto", whole=True)
    return _read_decoded(
        path,
        data,
        encoding,
        declared_encoding,
        declared_delimiter,
        skip_lines,
        suffix,
        refused,
        keep,
    )


# Which columns of a file to read, from its first rows (all their cells): their
# places, or None for every column.
Keep = Callable[[pl.DataFrame], "tuple[int, ...] | None"]
READ_SOME_FROM = 1 << 20  # (bytes: a smaller file is read whole, all its columns)
_FIRST_ROWS = 200


def _read_some(
    source: str | io.BytesIO, delimiter: str, keep: Keep
) -> tuple[pl.DataFrame, tuple[int, ...]] | None:
    """Some of the file's columns, as `keep` picks them from its first rows: None when
    it picks all, or when a row of the file may be wider than its first (polars would
    read such a row's extra cells into none of the columns, unreported)."""

    def read(**options: Any) -> pl.DataFrame:
        if isinstance(source, io.BytesIO):
            source.seek(0)
        return pl.read_csv(
            source, has_header=False, infer_schema=False, raise_if_empty=False, **options
        )

    try:
        first = _first_rows(source, delimiter)
        kept = keep(read(separator=delimiter, n_rows=_FIRST_ROWS) if first is None else first)
        if kept is None or not _as_wide_as_the_first(
            read(separator="\x00", quote_char=None), delimiter
        ):
            return None
        return read(separator=delimiter, columns=list(kept)), kept
    except pl.exceptions.PolarsError:
        return None  # (read whole, as any other file)


def _first_rows(source: str | io.BytesIO, delimiter: str) -> pl.DataFrame | None:
    """The file's first rows, read from its first megabyte (polars, handed the whole
    file, would first look through all of it), or None when fewer rows end there."""
    if isinstance(source, io.BytesIO):
        with source.getbuffer() as buffer:
            head = bytes(buffer[: PREFIX + 1])
    else:
        with open(source, "rb") as file:
            head = file.read(PREFIX + 1)
    whole = len(head) <= PREFIX
    if not whole:  # (to the end of its last line: a row cut short is no row)
        head = head[: head.rfind(b"\n", 0, PREFIX) + 1]
    try:
        rows = pl.read_csv(
            io.BytesIO(head),
            has_header=False,
            infer_schema=False,
            separator=delimiter,
            n_rows=_FIRST_ROWS,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:
        return None
    return rows if whole or rows.height == _FIRST_ROWS else None


def _as_wide_as_the_first(lines: pl.DataFrame, delimiter: str) -> bool:
    """Whether no row has more cells than the first, from `lines` (each line of the file
    as one cell): True only when each line is a row, and its quotes are around whole
    cells ("1,234.00"), so that the delimiters outside them count the cells."""
    if not lines.width:
        return True
    line = pl.first()
    if lines.select(line.str.contains('"', literal=True).any()).item():
        delim = re.escape(delimiter)
        line = line.str.replace_all(r'"(?:[^"]|"")*"', "\x00")  # (no NUL in the file)
        odd = line.str.contains('"', literal=True) | line.str.contains(
            f"[^{delim}]\x00|\x00[^{delim}\r]"
        )
        if lines.select(odd.any()).item():
            return False
    cells = line.str.count_matches(delimiter, literal=True) + 1
    first, most = lines.select(cells.first(), cells.max().alias("most")).row(0)
    return most is None or (first is not None and most <= first)


def _utf8_name(path: str) -> bool:
    """Whether a path is text polars can open: a name in GBK bytes, as a zip made on
    Chinese Windows unpacks, reaches Python with surrogates in it."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _read_decoded(
    path: str,
    data: bytes | mmap.mmap,
    encoding: str,
    declared_encoding: str,
    declared_delimiter: str,
    skip_lines: int,
    suffix: str,
    refused: str = "",
    keep: Keep | None = None,
) -> CsvText:
    if _codec_name(encoding) in _FRAMED_BY_ASCII:
        by_cells = _read_by_cells(data, encoding, declared_delimiter, skip_lines, suffix, keep)
        if by_cells is not None:
            return by_cells
    try:
        text = _decode(path, data, encoding)
    except SourceError:
        declared = declared_encoding.lower()
        if declared == "auto":
            # Detected from the first megabyte, which the rest of the file contradicts.
            encoding = detect_encoding(bytes(data), "auto", whole=True)
        elif codecs.lookup(declared).name == "utf-8" and mostly_utf8(data, whole=True):
            encoding = UTF8_REPLACED  # as declared, but for a few cells
        else:
            raise
        text = _decode(path, data, encoding)
    # A NUL character needs a NUL byte, except in UTF-16/32: look for the byte first (fast).
    wide = encoding.lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32"))
    text, nul_bytes = _as_lines(text.removeprefix("\ufeff"), data, skip_lines, wide)
    delimiter = detect_delimiter(text, declared_delimiter, suffix, encoding)
    # (not in part when some cells hold other bytes: each is reported, in any column)
    some = keep if encoding != UTF8_REPLACED and len(data) >= READ_SOME_FROM else None
    parsed = _split(text, encoding, delimiter, nul_bytes, whole=encoding != refused, keep=some)
    if encoding != UTF8_REPLACED:
        return parsed
    if not parsed.frame.width:  # (no cells to look in)
        return dataclasses.replace(parsed, encoding="utf-8")
    replaced = _cells_holding(parsed.frame, "\ufffd")
    return dataclasses.replace(parsed, encoding="utf-8", replaced=replaced)


# Encodings in which a comma, semicolon, tab, quote, CR or LF byte is always that
# character (a character's second byte is 0x40 or more, or a digit in GB18030's four-
# byte ones): a file in them splits into cells on its bytes as on its text. "|" can
# be a character's second byte (亅), as can letters.
_FRAMED_BY_ASCII = frozenset({"gb18030", "gbk", "gb2312", "big5"})
_GB18030_BOM = b"\x84\x31\x95\x33"


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:  # (UTF8_REPLACED, a label of ours)
        return ""


def _read_by_cells(
    data: bytes | mmap.mmap,
    encoding: str,
    declared_delimiter: str,
    skip_lines: int,
    suffix: str,
    keep: Keep | None,
) -> CsvText | None:
    """A Chinese-encoded file split into cells as bytes, then each distinct cell decoded
    once (in Python, decoding a whole GB18030 file costs more than reading it): the
    cells `_read_decoded` would give, or None to leave the file to it (a cell that does
    not decode, too many distinct cells, or a delimiter that is no plain ASCII one).

    The bytes are taken as Latin-1, one character each, which keeps every line end,
    delimiter and quote where it is; no cell is decoded that the run does not read.
    """
    text = codecs.latin_1_decode(data)[0]  # (of the file's bytes as they are: no copy)
    if _codec_name(encoding) == "gb18030":
        text = text.removeprefix(_GB18030_BOM.decode("latin-1"))
    text, nul_bytes = _as_lines(text, data, skip_lines, wide=False)
    # The delimiter as the decoded text tells it (Latin-1 would split lines at 0x85).
    head = text[: 4 * DELIMITER_SAMPLE]
    if len(head) < len(text):
        head = head[: head.rfind("\n") + 1]
    try:
        sample = head.encode("latin-1").decode(encoding)
    except UnicodeDecodeError:
        return None
    if len(sample) < DELIMITER_SAMPLE and len(head) < len(text):
        return None
    delimiter = detect_delimiter(sample[:DELIMITER_SAMPLE], declared_delimiter, suffix, encoding)
    if delimiter not in (",", ";", "\t"):
        return None

    def decoded_keep(rows: pl.DataFrame) -> tuple[int, ...] | None:
        cells = _decoded(rows, encoding)
        return None if cells is None or keep is None else keep(cells)

    some = decoded_keep if keep is not None and len(data) >= READ_SOME_FROM else None
    parsed = _split(text, encoding, delimiter, nul_bytes, True, some)
    frame = _decoded(parsed.frame, encoding)
    return None if frame is None else dataclasses.replace(parsed, frame=frame)


def _decoded(frame: pl.DataFrame, encoding: str) -> pl.DataFrame | None:
    """`frame`'s cells (bytes as Latin-1 text) decoded, each distinct one once; None when
    one does not decode, or when so many are distinct that decoding the whole text
    costs less."""
    if not frame.width:
        return frame
    # (a cell of bytes over 0x7F is longer in UTF-8 than in characters)
    wide = {
        c: (pl.col(c).str.len_bytes() != pl.col(c).str.len_chars()).fill_null(False)
        for c in frame.columns
    }
    found = frame.select(w.any().alias(c) for c, w in wide.items()).row(0, named=True)
    most = frame.height // 4 + 10_000
    decoded = []
    for name in (c for c, some in found.items() if some):
        # The column's distinct cells as categories of its own (one hash of the column):
        # a cell's code is its value's place among them, and the decoded values are
        # put back in those places.
        # (The categories live as long as a column of them: `cells` keeps them.)
        categories = pl.Categories.random()
        cells = frame[name].cast(pl.Categorical(categories))
        distinct, codes = categories.to_series(), cells.to_physical()
        at = (distinct.str.len_bytes() != distinct.str.len_chars()).arg_true()
        most -= len(at)
        if most < 0:
            return None
        try:
            text = [value.encode("latin-1").decode(encoding) for value in distinct.gather(at)]
        except UnicodeDecodeError:
            return None
        values = distinct.scatter(at, pl.Series(text, dtype=pl.String))
        decoded.append(values.gather(codes).alias(name))
    return frame.with_columns(decoded) if decoded else frame


def _as_lines(text: str, data: bytes | mmap.mmap, skip_lines: int, wide: bool) -> tuple[str, int]:
    """The text of `data` (BOM taken off) with LF line ends, without NUL characters (and
    how many there were) and without its first `skip_lines` lines. `wide`: UTF-16 or
    32, whose NUL characters are no NUL bytes."""
    if _cr_only(text[:PREFIX].encode()):  # classic Mac line ends ("CSV (Macintosh)")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul_bytes = text.count("\x00") if wide or data.find(b"\x00") >= 0 else 0
    if nul_bytes:
        text = text.replace("\x00", "")
    if skip_lines:
        parts = text.split("\n", skip_lines)
        text = parts[skip_lines] if len(parts) > skip_lines else ""
    return text, nul_bytes


def _cells_holding(frame: pl.DataFrame, text: str) -> tuple[tuple[int, int], ...]:
    """(row index, column index) of each cell of `frame` with `text` in it."""
    found = frame.select(
        pl.concat_list(
            pl.when(pl.col(c).str.contains(text, literal=True)).then(i)
            for i, c in enumerate(frame.columns)
        )
        .list.drop_nulls()
        .alias("columns")
    ).with_row_index("row")
    cells = found.filter(pl.col("columns").list.len() > 0).explode("columns")
    return tuple((int(row), int(column)) for row, column in cells.iter_rows())


def _split(
    text: str, encoding: str, delimiter: str, nul_bytes: int, whole: bool, keep: Keep | None
) -> CsvText:
    """Decoded text split into cells: by polars, else by the forgiving reader.

    `whole`: polars is handed the text as it is first (not when it refused these bytes).
    `keep`: the columns to read (see `read_csv_text`).
    """
    with contextlib.suppress(pl.exceptions.PolarsError):  # ragged or otherwise irregular
        if whole:
            encoded = io.BytesIO(text.encode())
            return _read_polars(encoded, text, encoding, delimiter, nul_bytes, keep)
    with contextlib.suppress(pl.exceptions.PolarsError):  # a quote polars cannot place
        return _read_ragged(text, encoding, delimiter, nul_bytes)
    return _read_forgiving(text, encoding, delimiter, nul_bytes)


def _read_polars(
    source: str | io.BytesIO,
    data: bytes | mmap.mmap | str,
    encoding: str,
    delimiter: str,
    nul_bytes: int,
    keep: Keep | None,
) -> CsvText:
    """The cells polars reads from `source` (the file's `data`): only the columns
    `keep` picks, when it picks some (PolarsError: polars refuses the file as it is)."""
    some = _read_some(source, delimiter, keep) if keep else None
    if some is not None:
        return CsvText(some[0], encoding, delimiter, nul_bytes, (), (), kept=some[1])
    if isinstance(source, io.BytesIO):
        source.seek(0)
    frame = pl.read_csv(
        source, has_header=False, infer_schema=False, separator=delimiter, raise_if_empty=False
    )
    unclosed = _unclosed_at_end(frame, data, delimiter)
    return CsvText(frame, encoding, delimiter, nul_bytes, (), unclosed)


def _read_ragged(text: str, encoding: str, delimiter: str, nul_bytes: int) -> CsvText:
    """Rows of different widths (a ragged row, preamble lines), read by polars.

    polars takes a file's width from its first row: a line of delimiters as many as
    the widest line holds goes first, so that no row has more cells, and is dropped
    after. A quote in the middle of a cell (`Acme 5" Screens`) is text, as in Python's
    csv module: a file where no cell starts with a quote is read without quoting.
    """
    data = text.encode()
    # Each line as one cell (no NUL is left in the text), and the cells it writes.
    lines = pl.read_csv(
        io.BytesIO(data), has_header=False, separator="\x00", quote_char=None, infer_schema=False
    )
    line = pl.first()
    shape = lines.select(
        cells=pl.when(line.is_null())
        .then(0)
        .otherwise(line.str.count_matches(delimiter, literal=True) + 1),
        quoted=line.str.contains(f'(?:^|{re.escape(delimiter)})"'),  # (a cell starts with one)
    )
    if not shape.height:
        raise pl.exceptions.NoDataError("no lines")
    quoting = '"' in text and bool(shape["quoted"].any())
    # (a row with a cell on several lines may be wider than each of its lines)
    most = max(int(shape.select(pl.col("cells").max()).item() or 0), 1)
    frame = _read_as_wide(data, delimiter, most, quoting, 1 + text.count(delimiter))
    # Each row's cells as written: to its last one that holds anything.
    written = frame.select(
        pl.max_horizontal(
            pl.when(pl.col(c).is_not_null()).then(i + 1).otherwise(0)
            for i, c in enumerate(frame.columns)
        )
    ).to_series()
    widths: tuple[int, ...] = tuple(written.to_list())
    frame = frame.select(frame.columns[: max(widths, default=0)])
    # A row's usual width: the cells most lines write (the first such count on a tie).
    counts = shape.with_row_index().group_by("cells").agg(pl.len(), pl.col("index").min())
    usual = int(counts.sort(["len", "index"], descending=[True, False])["cells"][0])
    unclosed = tuple(
        (row, column, taken)
        for row, column in _cells_holding(frame, "\n")
        if (taken := _rows_read_in(frame[row, column], delimiter, usual))
    )
    return CsvText(frame, encoding, delimiter, nul_bytes, widths, unclosed)


def _decode(path: str, data: bytes | mmap.mmap, encoding: str) -> str:
    if encoding == UTF8_REPLACED:
        return str(memoryview(data), "utf-8", "replace")
    wide = encoding.lower().replace("-", "").replace("_", "")
    if wide.startswith("utf16") and data[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        # Text in UTF-16 has a zero byte beside every ASCII character (each comma and
        # line end): a file without one is not UTF-16, though it may decode as such.
        if data.find(b"\x00", 0, PREFIX) < 0 and len(data) >= 2:
            raise _wrong_encoding(path, data, encoding, "err_not_utf16", byte=0)
    try:
        return str(memoryview(data), encoding)  # decoded in place, not from a copy
    except UnicodeDecodeError as exc:
        raise _wrong_encoding(path, data, encoding, "err_not_encoding", byte=exc.start) from None


def _wrong_encoding(
    path: str, data: bytes | mmap.mmap, encoding: str, key: str, byte: int
) -> SourceError:
    """The file is not in `encoding`: the error names the encoding it does read as."""
    found = detect_encoding(bytes(data), "auto", whole=True)
    found = "utf-8" if found == UTF8_REPLACED else found
    line = bytes(data[:byte]).count(b"\n") + 1
    if codecs.lookup(found).name == codecs.lookup(encoding).name:
        return SourceError.of(key, path=path, encoding=encoding, byte=byte, line=line)
    return SourceError.of(
        f"{key}_found", path=path, encoding=encoding, byte=byte, line=line, found=found
    )


def _read_forgiving(text: str, encoding: str, delimiter: str, nul_bytes: int) -> CsvText:
    """Every row with all its cells: which ones are extra depends on where the header is."""
    # A quote never closed reads the rest of the file into its cell: however long, it is
    # reported (`unclosed`), not refused. (csv's limit is a C long: 32 bits on Windows.)
    csv.field_size_limit(max(csv.field_size_limit(), min(len(text) + 1, 2**31 - 1)))
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    width = max(map(len, rows), default=0)
    cells = [[c if c != "" else None for c in row] + [None] * (width - len(row)) for row in rows]
    columns = {f"column_{i}": [r[i] for r in cells] for i in range(width)}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))
    # (a row's usual width: one ragged row's extra cells do not make every row wider)
    usual = Counter(map(len, rows)).most_common(1)[0][0] if rows else 0
    unclosed = tuple(
        (index, column, taken)
        for index, row in enumerate(rows)
        for column, cell in enumerate(row)
        if "\n" in cell and (taken := _rows_read_in(cell, delimiter, usual))
    )
    return CsvText(frame, encoding, delimiter, nul_bytes, tuple(map(len, rows)), unclosed)


def _read_as_wide(
    data: bytes, delimiter: str, width: int, quoting: bool, widest: int
) -> pl.DataFrame:
    """`data`'s rows, `width` cells each (fewer written are empty), or twice as many
    while a row has more (up to `widest`, the cells all the file's delimiters make)."""
    while True:
        try:
            return pl.read_csv(
                io.BytesIO(delimiter.encode() * (width - 1) + b"\n" + data),
                has_header=False,
                infer_schema=False,
                separator=delimiter,
                quote_char='"' if quoting else None,
            ).slice(1)
        except pl.exceptions.ComputeError as exc:
            if "more fields" not in str(exc) or width >= widest:
                raise
            width = min(2 * width, widest)


def _rows_read_in(cell: str, delimiter: str, width: int) -> int:
    """The lines a cell holds below its first when one of them has a whole row's cells
    (a delimiter between each): what a quote never closed reads in. 0 for a note
    written on several lines."""
    lines = [line for line in cell.splitlines()[1:] if line.strip()]
    if any(line.count(delimiter) >= max(width - 1, 1) for line in lines):
        return len(lines)
    return 0


def _unclosed_at_end(
    frame: pl.DataFrame, data: bytes | mmap.mmap | str, delimiter: str
) -> tuple[tuple[int, int, int], ...]:
    """The last row's cell that a quote never closed reads to the end of the file.

    polars reads such a file without an error: the cell takes every line after the
    quote. It is told from a note on several lines by the file's last quote, which
    opens a cell (text follows it) instead of closing one (a delimiter, a line end or
    the end of the file follows it). Only a last row with a line break in a cell is
    looked at, so the usual file costs nothing.
    """
    if frame.height == 0:
        return ()
    last = frame.row(frame.height - 1)
    cells = [(i, cell) for i, cell in enumerate(last) if cell is not None and "\n" in cell]
    if not cells:
        return ()
    if not _opens_a_cell(data, delimiter):
        return ()
    return tuple(
        (frame.height - 1, i, len(cell.rstrip("\r\n").splitlines()) - 1) for i, cell in cells
    )


def _opens_a_cell(data: bytes | mmap.mmap | str, delimiter: str) -> bool:
    """Whether the file's last quote opens a cell: text, not a delimiter, a line end or
    the end of the file, follows it."""
    if isinstance(data, str):
        at = data.rfind('"')
        return at >= 0 and data[at + 1 : at + 2] not in ("", delimiter, "\r", "\n")
    at = data.rfind(b'"')
    following = bytes(data[at + 1 : at + 2])
    return at >= 0 and following not in (b"", delimiter.encode(), b"\r", b"\n")
