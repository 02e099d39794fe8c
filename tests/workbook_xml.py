"""Edits of a saved workbook's sheet XML, to make the forms other writers save."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path


def rewrite_sheet(path: Path, edit: Callable[[bytes], bytes], part: str = "sheet1") -> None:
    """The workbook at `path` with its first sheet's XML (or `part`) passed through `edit`."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    name = next(n for n in members if n.endswith(f"{part}.xml"))
    members[name] = edit(members[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)


def prefixed(xml: bytes) -> bytes:
    """Sheet XML as .NET's OpenXML SDK may write it: <x:worksheet xmlns:x=...><x:c r="A4">."""
    xml = re.sub(rb"<(/?)(?=[A-Za-z])", rb"<\1x:", xml)
    return xml.replace(b' xmlns="', b' xmlns:x="', 1)
