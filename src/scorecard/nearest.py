"""Suggestions for a mistyped name: the closest key, column, sheet or person."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """The closest of `choices` to `word` (case-insensitive), or ''."""
    lowered = {c.casefold(): c for c in choices}
    match = difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else ""


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def closest_header(wanted: str, headers: Iterable[str]) -> str:
    """The closest header: Chinese headers are short, and one character of two differs
    in a typo (售后 for 售前), which the usual similarity of 0.6 would not suggest."""
    return closest(wanted, headers, cutoff=0.5 if _HAN.search(wanted) else 0.6)


def closest_name(wanted: str, names: Iterable[str]) -> str:
    """The closest person name, else those containing `wanted` ("Chen" → "Alice Chen")."""
    names = list(dict.fromkeys(names))
    close = closest(wanted, names)
    if close or not wanted.strip():
        return close
    key = wanted.strip().casefold()
    containing = sorted(n for n in names if key in n.casefold())
    return ", ".join(containing[:3]) + (", ..." if len(containing) > 3 else "")
