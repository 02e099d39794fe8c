"""Decimal arithmetic on the numbers configs and exports are written in: 0.21 ÷ 0.28 is 0.75.

A float holds the binary fraction nearest a decimal such as 0.21, and arithmetic on
those fractions leaves residue (0.21 / 0.28 = 0.7499999999999999, 100 × 0.29 =
28.999999999999996) that a threshold, a band or a grade edge can fall on the wrong
side of. Here each float is taken as the shortest decimal that reads back as it
(`repr`), the arithmetic is done in decimal, and the result is rounded to a float once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

# Spreadsheets hold 15 significant digits and round a displayed figure's half away from 0.
_SHOWN_DIGITS = 15
_WIDE = Context(prec=400)  # room for every digit of any float, scaled and with decimals
_QUANTA = tuple(Decimal(1).scaleb(-digits) for digits in range(16))


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


def fixed(value: float, digits: int, *, scale: int = 0, grouping: bool = False) -> str:
    """`value` × 10**scale with `digits` decimals, rounded as a spreadsheet shows it.

    The number is taken to 15 significant digits and its half rounded away from zero, as
    Excel and WPS display a cell: 250.5 is 251 and 0.125 is 0.13, where Python's own
    format (halves to even, in binary) gives 250 and 0.12. So the terminal, markdown and
    the workbook show the same figure. `scale=2` turns a fraction into percent (0.1235 is
    12.4) in decimal; `grouping` adds thousands separators.
    """
    if not math.isfinite(value):
        return f"{value:.{digits}f}"
    number = Decimal(f"{value:.{_SHOWN_DIGITS}g}").scaleb(scale, _WIDE)
    rounded = number.quantize(_QUANTA[digits], ROUND_HALF_UP, _WIDE)
    return f"{rounded:,f}" if grouping else f"{rounded:f}"


def written_percent(value: float) -> str:
    """A fraction from a config as its percent is written: 0.5 is 50%, 0.875 is 87.5%."""
    return f"{float(decimal(value) * 100):g}%"
