"""quick_init: a frozen dataclass built in one step is the dataclass it was."""

from __future__ import annotations

import dataclasses
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from typing import Any

import pytest

from scorecard.frozen import quick_init
from scorecard.measures import Actual
from scorecard.report import Issue, KpiResult, PersonResult, TeamResult
from scorecard.targets import FileTarget, Target


def _shape(built_quickly: bool) -> type:
    made: list[str] = []

    @dataclass(frozen=True)
    class Shape:
        name: str
        size: float
        tags: tuple[str, ...] = ()
        notes: list[str] = field(default_factory=list)
        seen: dict[str, int] = field(default_factory=dict, init=False)
        kind: str = field(default="box", init=False)
        hidden: int = field(default=0, repr=False, compare=False)

        def __post_init__(self) -> None:
            made.append(self.name)

        @cached_property
        def area(self) -> float:
            return self.size * self.size

    Shape.made = made  # type: ignore[attr-defined]
    return quick_init(Shape) if built_quickly else Shape


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("a", 2.0), {}),
        (("a",), {"size": 2.0, "notes": ["x"]}),
        ((), {"name": "a", "size": 2.0, "tags": ("t",), "hidden": 3}),
        (("a", 2.0, ("t",), ["n"], 4), {}),
    ],
)
def test_the_same_instance_as_the_dataclass_builds(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    quick, plain = _shape(True), _shape(False)
    a, b = quick(*args, **kwargs), plain(*args, **kwargs)
    assert quick.made == plain.made == ["a"]  # type: ignore[attr-defined]
    assert a.__dict__ == b.__dict__
    assert repr(a).split("(", 1)[1] == repr(b).split("(", 1)[1]
    assert dataclasses.astuple(a) == dataclasses.astuple(b)
    assert a == quick(*args, **kwargs) and a != quick("b", 2.0)
    assert a.area == 4.0 and a.__dict__["area"] == 4.0  # (cached on the instance)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "b"
    assert a.notes is not quick("c", 1.0).notes  # a new list each time, from the factory


def test_wrong_arguments_fail_as_they_do_for_the_dataclass() -> None:
    quick = _shape(True)
    wrong: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((), {}),
        (("a", 1.0, (), [], 0, "extra"), {}),
    ]
    wrong.append((("a",), {"x": 1}))
    for args, kwargs in wrong:
        with pytest.raises(TypeError):
            quick(*args, **kwargs)
    with pytest.raises(TypeError):
        quick("a", 1.0, kind="round")  # (not a parameter)


def test_classes_it_cannot_remake_keep_their_own_init() -> None:
    @dataclass(frozen=True, slots=True)
    class Slotted:
        a: int

    @dataclass(frozen=True, kw_only=True)
    class Named:
        a: int

    @dataclass(frozen=True)
    class WithInitVar:
        a: int
        b: InitVar[int] = 0

    @dataclass(frozen=True)
    class OwnNames:
        _set: int

    classes: list[type] = [Slotted, Named, WithInitVar, OwnNames]
    for cls in classes:
        own = vars(cls)["__init__"]
        assert vars(quick_init(cls))["__init__"] is own
    assert Named(a=1).a == 1 and WithInitVar(1, 2).a == 1 and OwnNames(3)._set == 3


@pytest.mark.parametrize(
    "cls", [Issue, KpiResult, PersonResult, TeamResult, Actual, Target, FileTarget]
)
def test_the_results_a_report_holds_thousands_of_are_built_quickly(cls: type) -> None:
    init = vars(cls)["__init__"]
    assert init.__code__.co_filename == f"<quick_init of {cls.__qualname__}>"
    assert init.__qualname__ == f"{cls.__qualname__}.__init__"
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_a_kpi_result_by_position_and_by_name() -> None:
    values = ("rev", "Revenue", 1.5, 2.0, "file", 0.75, 75.0, 30.0, 4, False)
    by_position = KpiResult(*values)
    names = [f.name for f in dataclasses.fields(KpiResult)][: len(values)]
    by_name: dict[str, Any] = dict(zip(names, values, strict=True))
    assert by_position == KpiResult(**by_name)
    assert (by_position.unit, by_position.rule, by_position.edges) == ("number", "", ())
    assert by_position.steps == ""  # (no explain: no steps)
    assert hash(by_position) == hash(KpiResult(*values))
