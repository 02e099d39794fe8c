"""What to read: a file's spec, and how header and sheet names compare.

Kept apart from `sources` (and free of polars) so that the read-ahead can name
the files of a run, and start loading its workbooks, before polars is imported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and encrypted .xlsx)
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .ods


@dataclass(frozen=True)
class FileSpec:
    """Where and how to read one file (a source, the roster or the targets file)."""

    name: str
    path: Path
    sheet: str | int | None = None
    encoding: str = "auto"
    delimiter: str = "auto"
    header_row: int = 1
    expect: tuple[str, ...] = ()
    # Other sets of headers that mark the header row (a targets file's 人员, 指标)
    also_expect: tuple[tuple[str, ...], ...] = ()
    # The headers (as `header_key` gives them) of the columns a run reads, when a
    # source's other columns may be left unread: None reads every column.
    wanted: frozenset[str] | None = None

    def serves(self, other: FileSpec) -> bool:
        """Whether a read of this spec holds what `other` asks for: the same file read
        the same way, with every column `other` wants (maybe more)."""
        if self.wanted is None or (other.wanted is not None and other.wanted <= self.wanted):
            return replace(self, wanted=None) == replace(other, wanted=None)
        return False


# A token of a derived column's formula (see `formula`): a number, a [bracketed name],
# a bare name or an operator.
FORMULA_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\[(?P<bracketed>[^\]]+)\]"
    r"|(?P<name>[^\s+\-*/×÷()\[\]\d][^\s+\-*/×÷()\[\]]*)|(?P<op>[+\-*/×÷()]))"
)


def wanted_headers(*parts: object) -> frozenset[str]:
    """Every header a source's config and its KPIs' may name (`header_key`ed): each text
    in them, key or value, and each name in it read as a formula.

    More than the headers (a stage `Won`, the word `rows`): any text that is not one
    reads no column. Whatever names a column is text somewhere in them.
    """
    found: set[str] = set()
    pending = list(parts)
    while pending:
        part = pending.pop()
        if isinstance(part, dict):
            pending.extend(part.keys())
            pending.extend(part.values())
        elif isinstance(part, list | tuple | set | frozenset):
            pending.extend(part)
        elif isinstance(part, str):  # (a header is never written as a number: `"2026"`)
            found.add(header_key(part))
            for token in FORMULA_TOKEN.finditer(part):
                name = token.group("bracketed") or token.group("name")
                if name:
                    found.add(header_key(name))
    return frozenset(found)


@lru_cache(maxsize=65_536)  # (the same headers, KPI names and labels, again and again)
def header_key(text: str) -> str:
    """How headers are compared: trimmed, NFKC-normalised, case-folded, line breaks joined.

    A line break typed in a header cell (Alt+Enter: `创建⏎日期`, `Close⏎Date`), with
    the spaces around it, is nothing next to CJK text or after a hyphen and one space
    between other words: `创建日期`, `Deal-Size` and `Close Date`.
    """
    return one_line_header(unicodedata.normalize("NFKC", text)).casefold()


def one_line_header(text: str) -> str:
    """A header with its line breaks joined (`Close⏎Date` → `Close Date`), trimmed: as a
    config names it, and as a suggestion shows it."""
    return _LINE_BREAK.sub(_joined, text).strip()


_LINE_BREAK = re.compile(r"\s*[\n\r\v\f\x85\u2028\u2029]\s*")
# Han, kana, Hangul and CJK punctuation: text written without spaces between words.
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def _joined(line_break: re.Match[str]) -> str:
    text, start, end = line_break.string, line_break.start(), line_break.end()
    around = text[start - 1 : start] + text[end : end + 1]
    # (after a hyphen or a slash the word goes on: `Deal-⏎Size` is `Deal-Size`)
    return "" if len(around) < 2 or _CJK.search(around) or around[0] in "-/" else " "


def one_line(text: str) -> str:
    """A header as a one-line message shows it: each line break as `\\n`."""
    return _LINE_BREAK_ONLY.sub(r"\\n", text)


_LINE_BREAK_ONLY = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
