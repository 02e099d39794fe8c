"""What to read: a file's spec, and how header and sheet names compare.

Kept apart from `sources` (and free of polars) so that the read-ahead can name
the files of a run, and start loading its workbooks, before polars is imported.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


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


def header_key(text: str) -> str:
    """How headers are compared: trimmed, NFKC-normalised, case-folded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()
