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
from json.encoder import encode_basestring
from typing import Any

INDENT = "  "
# Between two scalars encoded together: a character an encoded scalar never holds
# (in a string, control characters are escaped as \u0000 and the like).
_APART = "\x00"
_SCALARS = frozenset({str, int, float, bool, type(None)})  # exact types: flat objects


def dumps(value: Any) -> str:
    """`value` (dicts with str keys, lists, str, int, float, bool, None) as indented JSON."""
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
        inner = indent + INDENT
        opening = "{\n" + inner
        for key, item in value.items():
            self.parts.append(opening + _key(key))
            opening = ",\n" + inner
            self.write(item, inner)
        self.parts.append("\n" + indent + "}")

    def write_array(self, value: list[Any] | tuple[Any, ...], indent: str) -> None:
        if not value:
            self.parts.append("[]")
            return
        inner = indent + INDENT
        opening = "[\n" + inner
        for item in value:
            self.parts.append(opening)
            opening = ",\n" + inner
            self.write(item, inner)
        self.parts.append("\n" + indent + "]")
