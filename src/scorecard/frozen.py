"""Frozen dataclasses that are quick to build: a report holds thousands of them.

`@dataclass(frozen=True)` writes an `__init__` that sets each field with a call of
`object.__setattr__` (a KPI result has 17 fields). `quick_init` writes one that
sets the instance's `__dict__` in one step instead: a KPI result is built in half
the time. The class is otherwise the dataclass it was (frozen, compared, hashed).
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, TypeVar

T = TypeVar("T")

_LEFT_OUT = object()  # an argument not given, whose default comes from a factory
_OWN_NAMES = frozenset({"self", "_set", "_LEFT_OUT"})


def quick_init(cls: type[T]) -> type[T]:
    """Give dataclass `cls` an `__init__` that fills the instance at once.

    It takes the same parameters (positional or by name, in field order), with the
    same defaults and default factories, sets the fields that are not parameters
    from their default factories (as the dataclass does), and calls `__post_init__`
    if the class has one. A class with `__slots__`, keyword-only or init-only
    parameters keeps its own `__init__`.
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    params = [f for f in fields if f.init]
    signature = inspect.signature(cls.__init__)
    given = list(signature.parameters.values())[1:]
    if "__slots__" in cls.__dict__ or [p.name for p in given] != [f.name for f in params]:
        return cls
    if any(p.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD for p in given):
        return cls
    if any(f.name in _OWN_NAMES or f.name.startswith(("_default_", "_factory_")) for f in fields):
        return cls  # (a field named as the new __init__'s own helpers)
    names: dict[str, Any] = {"_set": object.__setattr__, "_LEFT_OUT": _LEFT_OUT}
    heads, values = ["self"], []
    for f in fields:
        has_default = f.default is not dataclasses.MISSING
        has_factory = f.default_factory is not dataclasses.MISSING
        names[f"_default_{f.name}"] = f.default
        names[f"_factory_{f.name}"] = f.default_factory
        if f.init:
            value = f.name
            if has_default:
                heads.append(f"{f.name}=_default_{f.name}")
            elif has_factory:
                heads.append(f"{f.name}=_LEFT_OUT")
                value = f"_factory_{f.name}() if {f.name} is _LEFT_OUT else {f.name}"
            else:
                heads.append(f.name)
        elif has_factory:
            value = f"_factory_{f.name}()"
        else:  # (its default is the class's attribute, as the dataclass's own __init__ leaves it)
            continue
        values.append(f"{f.name!r}: {value}")
    lines = [f"def __init__({', '.join(heads)}):"]
    lines.append(f"    _set(self, '__dict__', {{{', '.join(values)}}})")
    if hasattr(cls, "__post_init__"):
        lines.append("    self.__post_init__()")
    exec(compile("\n".join(lines), f"<quick_init of {cls.__qualname__}>", "exec"), names)
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    setattr(cls, "__init__", init)  # noqa: B010 - (a method assigned: mypy refuses it written out)
    return cls
