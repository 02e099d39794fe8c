"""JSON text with a two-space indent, as `json.dumps(..., indent=2)` writes it, faster.

The standard library writes indented JSON with its pure-Python encoder, a
generator per value. A report is lists of flat objects (people, KPIs, issues)
that share a few shapes, so this writer lays out each flat object from a
template of its keys, and the scalars of all of them are encoded together by the
library's C encoder (which writes unindented JSON only) in one call. Only the
nesting is left to recursion. The output is byte for byte that of
`json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)`.
"""

from __future__ import annotations

import json
import math
from itertools import chain
from json.encoder import encode_basestring
from typing import Any, NamedTuple

INDENT = "  "
# Between two scalars encoded together: a character an encoded scalar never holds
# (in a string, control characters are escaped as \u0000 and the like).
_APART = "\x00"
_SCALARS = frozenset({str, int, float, bool, type(None)})  # exact types: flat objects


class Rows(NamedTuple):
    """A list of objects of one shape, given as their keys and each object's values.

    Written exactly as the list of those dicts would be, without a dict per object:
    a report's thousands of KPI results go from their fields to the text directly.
    """

    keys: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        """The objects as dicts."""
        return [dict(zip(self.keys, row, strict=True)) for row in self.rows]


def dumps(value: Any) -> str:
    """`value` (dicts with str keys, lists, str, int, float, bool, None, `Rows`) as
    indented JSON."""
    writer = _Writer()
    writer.write(value, "")
    return writer.text()


def _scalar(value: Any) -> str:
    """A scalar's JSON text (of any type `json` takes, subclasses too)."""
    if isinstance(value, str):
        return str(encode_basestring(value))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        return float.__repr__(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _encode_all(values: list[Any]) -> list[str]:
    """Each of `values` (str, int, float, bool or None) as JSON text, in one C call."""
    text = json.dumps(values, ensure_ascii=False, allow_nan=False, separators=(_APART, ": "))
    return text[1:-1].split(_APART)


# A flat object's text with %s for each value, per (keys, indent): a report repeats
# a few shapes thousands of times. Keys that are data could make many: only so many kept.
_TEMPLATES: dict[tuple[tuple[str, ...], str], str] = {}
_TEMPLATES_KEPT = 1_000


def _key(key: Any) -> str:
    """`"key": ` as written before an object's value."""
    if not isinstance(key, str):
        raise TypeError(f"keys must be str, not {type(key).__name__}")
    return str(encode_basestring(key)) + ": "


def _template(keys: tuple[str, ...], indent: str) -> str:
    found = _TEMPLATES.get((keys, indent))
    if found is not None:
        return found
    inner = indent + INDENT
    lines = [_key(key).replace("%", "%%") + "%s" for key in keys]
    template = "{\n" + inner + (",\n" + inner).join(lines) + "\n" + indent + "}"
    if len(_TEMPLATES) < _TEMPLATES_KEPT:
        _TEMPLATES[keys, indent] = template
    return template


def _run_template(keys: tuple[str, ...], indent: str) -> str:
    """Consecutive `"key": value` lines of an object at `indent`, %s for each value."""
    found = _TEMPLATES.get((keys, indent + "\x00run"))
    if found is not None:
        return found
    template = (",\n" + indent).join(_key(key).replace("%", "%%") + "%s" for key in keys)
    if len(_TEMPLATES) < _TEMPLATES_KEPT:
        _TEMPLATES[keys, indent + "\x00run"] = template
    return template


def _list_template(count: int, indent: str) -> str:
    """A list of `count` scalars at `indent`, %s for each."""
    inner = indent + INDENT
    return "[\n" + inner + (",\n" + inner).join(["%s"] * count) + "\n" + indent + "]"


class _Writer:
    """The pieces of the text; a flat object's piece is filled in by `text()`."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        # (where in `parts`, the object's template, how many values) per flat object
        self.flat: list[tuple[int, str, int]] = []
        self.values: list[Any] = []  # the flat objects' values, one after the other

    def text(self) -> str:
        parts = self.parts
        if self.flat:
            texts = _encode_all(self.values)
            at = 0
            for where, template, count in self.flat:
                parts[where] = template % tuple(texts[at : at + count])
                at += count
        return "".join(parts)

    def write(self, value: Any, indent: str) -> None:
        if isinstance(value, dict):
            self.write_object(value, indent)
        elif isinstance(value, Rows):
            self.write_rows(value, indent)
        elif isinstance(value, list | tuple):
            self.write_array(value, indent)
        else:
            self.parts.append(_scalar(value))

    def write_object(self, value: dict[str, Any], indent: str) -> None:
        if not value:
            self.parts.append("{}")
            return
        items = value.values()
        if _SCALARS.issuperset(map(type, items)):  # every value a plain scalar: a template
            self.flat.append((len(self.parts), _template(tuple(value), indent), len(value)))
            self.parts.append("")
            self.values.extend(items)
            return
        # Otherwise each run of plain scalars is one piece (a person's figures before their
        # list of KPIs), and each other value is written in its place.
        inner = indent + INDENT
        gap = ",\n" + inner
        parts = self.parts
        parts.append("{\n" + inner)
        run: list[str] = []
        for key, item in value.items():
            if type(item) in _SCALARS:
                run.append(key)
                self.values.append(item)
                continue
            if run:
                self._fill(_run_template(tuple(run), inner), len(run))
                parts.append(gap)
                run = []
            parts.append(_key(key))
            self.write(item, inner)
            parts.append(gap)
        if run:
            self._fill(_run_template(tuple(run), inner), len(run))
        else:
            parts.pop()  # (the gap after the last value)
        parts.append("\n" + indent + "}")

    def _fill(self, template: str, count: int) -> None:
        """A piece that `text()` fills in with the last `count` values (already in `values`)."""
        self.flat.append((len(self.parts), template, count))
        self.parts.append("")

    def write_rows(self, value: Rows, indent: str) -> None:
        keys, rows = value
        every = chain.from_iterable(rows)
        if not keys or not rows or not _SCALARS.issuperset(map(type, every)):
            self.write_array(value.dicts(), indent)  # (not flat objects: as any list)
            return
        inner = indent + INDENT
        template, count = _template(keys, inner), len(keys)
        parts, flat = self.parts, self.flat
        opening = "[\n" + inner
        for row in rows:
            if len(row) != count:
                raise ValueError(f"a row of {len(row)} values for {count} keys")
            parts.append(opening)
            opening = ",\n" + inner
            flat.append((len(parts), template, count))
            parts.append("")
            self.values.extend(row)
        parts.append("\n" + indent + "]")

    def write_array(self, value: list[Any] | tuple[Any, ...], indent: str) -> None:
        if not value:
            self.parts.append("[]")
            return
        if _SCALARS.issuperset(map(type, value)):  # a list of names, a trend: one piece
            self.values.extend(value)
            self._fill(_list_template(len(value), indent), len(value))
            return
        inner = indent + INDENT
        opening = "[\n" + inner
        for item in value:
            self.parts.append(opening)
            opening = ",\n" + inner
            self.write(item, inner)
        self.parts.append("\n" + indent + "]")
