"""A workbook whose zip has a damaged member fails with the tool's own one-line error."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from scorecard.errors import SourceError
from scorecard.sources import FileSpec, read_table


def test_bad_crc_is_a_source_error(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Owner", "Amount"])
    book.active.append(["Ann", 1])
    buffer = io.BytesIO()
    book.save(buffer)
    data = bytearray(buffer.getvalue())
    # Corrupt the CRC-32 recorded for the sheet in the central directory.
    name = b"xl/worksheets/sheet1.xml"
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[central + 16 : central + 20] = b"\x00\x00\x00\x00"
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError, match=r"damaged\.xlsx"):
        read_table(FileSpec("deals", path))


def test_an_unknown_zip_version_is_a_source_error(tmp_path: Path) -> None:
    # A central-directory entry asking for zip version 8.4, which Python's zipfile does
    # not implement: the tool's one-line error, not NotImplementedError.
    book = openpyxl.Workbook()
    book.active.append(["Owner", "Amount"])
    buffer = io.BytesIO()
    book.save(buffer)
    data = bytearray(buffer.getvalue())
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 84  # "version needed to extract"
    path = tmp_path / "v84.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError) as caught:
        read_table(FileSpec("deals", path))
    assert str(caught.value) == f"{path}: not a valid Excel workbook (zip file version 8.4)."
