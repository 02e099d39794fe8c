"""JSON text with a two-space indent, as `json.dumps(..., indent=2)` writes it, faster.

The standard library writes indented JSON with its pure-Python encoder, a
generator per value. A report is lists of flat objects (people, KPIs, issues),
so this writer builds each flat object's lines in one pass and leaves only the
nesting to recursion. The output is byte for byte that of
`json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)`.
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring
from typing import Any

INDENT = "  "


def dumps(value: Any) -> str:
    """`value` (dicts with str keys, lists, str, int, float, bool, None) as indented JSON."""
    parts: list[str] = []
    _write(value, "", parts)
    return "".join(parts)


def _scalar(value: Any) -> str | None:
    """A scalar's JSON text; None when `value` is a container."""
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
        return _float(value)
    if isinstance(value, dict | list | tuple):
        return None
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _write(value: Any, indent: str, parts: list[str]) -> None:
    text = _scalar(value)
    if text is not None:
        parts.append(text)
    elif isinstance(value, dict):
        _write_object(value, indent, parts)
    else:
        _write_array(value, indent, parts)


def _float(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


# The common scalar types, looked up by exact type (subclasses take `_scalar`).
_FAST: dict[type, Any] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
}


# `"key": ` as written, per key: a report repeats the same few dozen keys thousands of times.
_KEYS: dict[str, str] = {}
_KEYS_KEPT = 10_000  # keys that are data (names, periods) could be many: keep only so many


def _key(key: Any) -> str:
    if not isinstance(key, str):
        raise TypeError(f"keys must be str, not {type(key).__name__}")
    text = encode_basestring(key) + ": "
    if len(_KEYS) < _KEYS_KEPT:
        _KEYS[key] = text
    return text


def _write_object(value: dict[str, Any], indent: str, parts: list[str]) -> None:
    if not value:
        parts.append("{}")
        return
    inner = indent + INDENT
    try:  # a flat object (every value a plain scalar) in one piece
        keys, encoders = _KEYS, _FAST
        lines = [(keys.get(k) or _key(k)) + encoders[type(v)](v) for k, v in value.items()]
    except KeyError:  # a nested or unusual value: item by item below
        pass
    else:
        parts.append("{\n" + inner + (",\n" + inner).join(lines) + "\n" + indent + "}")
        return
    separator = ",\n" + inner
    opening = "{\n" + inner
    fast = _FAST.get
    for key, item in value.items():
        encode = fast(type(item))
        head = opening + (_KEYS.get(key) or _key(key))
        opening = separator
        if encode is not None:
            parts.append(head + encode(item))
        else:
            parts.append(head)
            _write(item, inner, parts)
    parts.append("\n" + indent + "}")


def _write_array(value: list[Any] | tuple[Any, ...], indent: str, parts: list[str]) -> None:
    if not value:
        parts.append("[]")
        return
    inner = indent + INDENT
    parts.append("[")
    first = True
    for item in value:
        parts.append(("\n" if first else ",\n") + inner)
        first = False
        _write(item, inner, parts)
    parts.append("\n" + indent + "]")
