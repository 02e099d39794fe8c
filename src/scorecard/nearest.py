"""Suggestions for a mistyped name: the closest key, column, sheet or person."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str:
    """The closest of `choices` to `word` (case-insensitive), or ''."""
    lowered = {c.casefold(): c for c in choices}
    match = difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else ""


def closest_name(wanted: str, names: Iterable[str]) -> str:
    """The closest person name, else those containing `wanted` ("Chen" → "Alice Chen")."""
    names = list(dict.fromkeys(names))
    close = closest(wanted, names)
    if close or not wanted.strip():
        return close
    key = wanted.strip().casefold()
    containing = sorted(n for n in names if key in n.casefold())
    return ", ".join(containing[:3]) + (", ..." if len(containing) > 3 else "")
