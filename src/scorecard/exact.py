"""Decimal arithmetic on the numbers configs and exports are written in: 0.21 ÷ 0.28 is 0.75.

A float holds the binary fraction nearest a decimal such as 0.21, and arithmetic on
those fractions leaves residue (0.21 / 0.28 = 0.7499999999999999, 100 × 0.29 =
28.999999999999996) that a threshold, a band or a grade edge can fall on the wrong
side of. Here each float is taken as the shortest decimal that reads back as it
(`repr`), the arithmetic is done in decimal, and the result is rounded to a float once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache


@lru_cache(maxsize=4096)  # targets, weights and rule constants recur for every person
def decimal(value: float) -> Decimal:
    """A float as the decimal it is written as (0.1 is 0.1, not 0.1000000000000000055…)."""
    return Decimal(repr(float(value)))


def exact_sum(values: Iterable[float]) -> float:
    """Σ in decimal: 0.1 + 0.1 + 0.1 is 0.3."""
    return float(sum(map(decimal, values), Decimal(0)))


def exact_mean(values: Sequence[float]) -> float:
    """The mean in decimal: of 0.4, 0.4 and 0.4 it is 0.4, not 0.4000000000000001."""
    return float(sum(map(decimal, values), Decimal(0)) / len(values))


def exact_ratio(numerator: float, denominator: float) -> float:
    """numerator ÷ denominator in decimal (the denominator is not 0)."""
    return float(decimal(numerator) / decimal(denominator))
