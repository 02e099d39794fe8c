"""The indented JSON writer gives exactly the standard library's text."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.render import jsontext


def reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=40,
)


@given(documents)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert jsontext.dumps(value) == reference(value)


def test_report_like_document() -> None:
    document = {
        "schema": "scorecard/1",
        "people": [
            {"person": "王芳", "total": 87.5, "rank": 1, "kpis": [], "note": 'a "quoted"\n\t'},
            {"person": "Bob", "total": None, "rank": None, "kpis": [{"id": "x", "ok": True}]},
        ],
        "teams": [],
        "issues": [{}],
        "tuple": (1, 2.0, -0.0, 1e300),
    }
    assert jsontext.dumps(document) == reference(document)


def test_objects_of_one_shape_at_several_depths() -> None:
    row = {"id": "a", "100%": 1.5, "%s": None, "%%d": True, "n": 3}
    document = {
        "rows": [row, row | {"id": "b\x00c", "n": -0.0}],
        "nested": {"rows": [row], "deeper": [[row, {"%s": "x"}]]},
        "keys": {"\x00": "\u2028", "tab\t": [1, "%s"]},
    }
    assert jsontext.dumps(document) == reference(document)


def test_str_subclasses_as_keys_and_values() -> None:
    class Level(StrEnum):
        warning = "warning"

    document = {Level.warning: Level.warning}
    assert jsontext.dumps(document) == reference(document)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_no_nan_or_infinity(bad: float) -> None:
    with pytest.raises(ValueError):
        jsontext.dumps({"value": [bad]})
    with pytest.raises(ValueError):
        jsontext.dumps({"flat": 1, "value": bad})


def test_unsupported_values_and_keys() -> None:
    with pytest.raises(TypeError):
        jsontext.dumps({"when": object()})
    with pytest.raises(TypeError):
        jsontext.dumps({1: "one"})
    with pytest.raises(TypeError):
        jsontext.dumps({"a": {"nested": 1}, 2: "two"})


shapes = st.lists(st.text(), min_size=0, max_size=6, unique=True).flatmap(
    lambda keys: st.tuples(
        st.just(tuple(keys)),
        st.lists(st.tuples(*(scalars for _ in keys)), max_size=4),
    )
)


@given(shapes, documents)
def test_rows_as_the_list_of_their_dicts(shape: tuple[Any, Any], other: Any) -> None:
    keys, rows = shape
    given_rows = jsontext.Rows(keys, rows)
    as_dicts = [dict(zip(keys, row, strict=True)) for row in rows]
    document = {"rows": given_rows, "other": other, "deeper": [given_rows]}
    expected = {"rows": as_dicts, "other": other, "deeper": [as_dicts]}
    assert jsontext.dumps(document) == reference(expected)


def test_rows_of_values_that_are_not_scalars() -> None:
    rows = jsontext.Rows(("id", "parts"), [("a", [1, 2]), ("b", {"x": None})])
    assert jsontext.dumps(rows) == reference(
        [{"id": "a", "parts": [1, 2]}, {"id": "b", "parts": {"x": None}}]
    )
    with pytest.raises(ValueError):
        jsontext.dumps(jsontext.Rows(("id", "n"), [("a", 1), ("b",)]))
    with pytest.raises(ValueError):
        jsontext.dumps(jsontext.Rows(("n",), [(math.nan,)]))


def test_objects_with_scalars_around_nested_values() -> None:
    document = {
        "person": "王芳",
        "total": 1.5,
        "kpis": [{"id": "a"}],
        "members": ["Ann", "Ben", None, 3],
        "grade": "A",
        "rank": 1,
        "empty": [],
        "last": {"deep": [1, [2, "%s"]]},
    }
    assert jsontext.dumps(document) == reference(document)
    assert jsontext.dumps([document, document | {"total": None}]) == reference(
        [document, document | {"total": None}]
    )
