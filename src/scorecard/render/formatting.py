"""Display formatting shared by the text renderers: values by unit, percentages, scores."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING

from scorecard.exact import fixed as fixed  # re-exported: the renderers format with it
from scorecard.report import TIE_TOLERANCE, Edge

if TYPE_CHECKING:
    from scorecard.i18n import Translate

# The words for "no value" and "excluded", and the unit of days, in the language being rendered.
_NO_VALUE: ContextVar[str] = ContextVar("no_value", default="n/a")
_EXCLUDED: ContextVar[str] = ContextVar("excluded", default="excluded")
_DAYS: ContextVar[str] = ContextVar("days", default="d")
# What ends a text cut to fit a cell ({count}: its length), in that language.
_CUT: ContextVar[str] = ContextVar("cut", default="")

CURRENCY_SYMBOLS = {
    "CNY": "¥",
    "RMB": "¥",
    "JPY": "¥",
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "HKD": "HK$",
    "KRW": "₩",
    "INR": "₹",
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# C0 and C1 control characters and DEL: a terminal acts on them (ESC starts a sequence
# that clears the screen or sets the window title, CR returns to the start of the line).
_CONTROL = re.compile(r"\r\n|[\x00-\x1f\x7f-\x9f]")
_SPACES = ("\t", "\n", "\r", "\r\n")
MAX_TOTAL_DIGITS = 6


@contextlib.contextmanager
def words(no_value: str, excluded: str, days: str = "d", cut: str = "") -> Iterator[None]:
    """Render "n/a", "excluded", the unit of days ("12.5 d") and the end of a cut text
    (`cut_note`) in another language within the block."""
    tokens = (_NO_VALUE.set(no_value), _EXCLUDED.set(excluded), _DAYS.set(days), _CUT.set(cut))
    try:
        yield
    finally:
        _CUT.reset(tokens[3])
        _DAYS.reset(tokens[2])
        _EXCLUDED.reset(tokens[1])
        _NO_VALUE.reset(tokens[0])


def language(t: Translate) -> contextlib.AbstractContextManager[None]:
    """`words` in the language of `t`."""
    cut = t("cell_cut", count="{count}")
    return words(t("not_available"), t("excluded"), t("unit_days"), cut)


def no_value() -> str:
    """The text shown for a value that does not exist (n/a)."""
    return _NO_VALUE.get()


def excluded() -> str:
    """The text shown beside a KPI left out of a total."""
    return _EXCLUDED.get()


def days_unit() -> str:
    """The unit shown after a number of days (d, 天)."""
    return _DAYS.get()


def cut_note(count: int) -> str:
    """What ends a text of `count` characters that is cut to fit a spreadsheet cell."""
    from scorecard.i18n import ENGLISH

    note = _CUT.get() or ENGLISH("cell_cut", count="{count}")
    return note.replace("{count}", f"{count:,}")


def currency_symbol(code: str | None) -> str:
    """The display symbol for a currency code (the code itself when unknown)."""
    if not code:
        return ""
    return CURRENCY_SYMBOLS.get(code.upper(), code.upper() + " ")


def currency_decimals(amount: float) -> int:
    """Decimals an amount of money shows: cents below 100 when it has them ($0.99, $12.88),
    none on larger or whole amounts ($1,235, $10)."""
    return 0 if abs(amount) >= 100 or float(amount).is_integer() else 2


def value(
    actual: float | None, unit: str, currency: str | None = None, edges: Sequence[Edge] = ()
) -> str:
    """An actual as a person reads it: ¥123,400 · 35.0% · 12.5 d (12.5 天) · 4.35.

    `edges`: the rule's band bounds, which the figure shown keeps to its side of:
    a mean of 4.4999 beside a band from 4.5 reads 4.4999, not 4.50.
    """
    if actual is None:
        return no_value()
    digits = value_digits(actual, unit, edges)
    if unit == "currency":
        sign = "-" if actual < 0 else ""
        return f"{sign}{currency_symbol(currency)}{fixed(abs(actual), digits, grouping=True)}"
    if unit == "percent":
        return f"{fixed(actual, digits, scale=2)}%"
    if unit == "days":
        return f"{fixed(actual, digits)} {days_unit()}"
    if unit == "score":
        return fixed(actual, digits)
    if float(actual).is_integer():
        return f"{int(actual):,}"
    return fixed(actual, digits, grouping=True)


def value_digits(actual: float, unit: str, edges: Sequence[Edge] = ()) -> int:
    """The decimals `value` shows an actual with (none for a whole number of no unit)."""
    if unit == "currency":
        least = currency_decimals(actual)
    elif unit in ("percent", "days", "score"):
        least = 1
    else:
        least = 0 if float(actual).is_integer() else 2
    return edge_digits(actual, least, edges, scale=2 if unit == "percent" else 0)


def edge_digits(figure: float, least: int, edges: Sequence[Edge], scale: int = 0) -> int:
    """Decimals that keep a figure shown on the same side of each edge as the figure itself.

    At least `least`, at most six: 49.96% beside a 50% threshold reads 49.96%, not 50.0%.
    """
    if not edges:
        return least

    def sides(x: float) -> list[bool]:
        return [x >= edge if at_least else x <= edge for edge, at_least in edges]

    exact = sides(figure)
    for digits in range(least, MAX_TOTAL_DIGITS):
        if sides(float(fixed(figure, digits, scale=scale)) / 10**scale) == exact:
            return digits
    return MAX_TOTAL_DIGITS


def attainment_ratio(
    actual: float | None, target: float | None, unit: str, better: str, currency: str | None
) -> str:
    """How an attainment was reached, in words: `$80 ÷ $100` (higher is better), `5.0 d ÷
    4.0 d` (target ÷ actual, lower is better), or the rule for a lower actual of 0."""
    if better == "lower" and actual == 0:
        return "an actual of 0 on a lower-is-better KPI attains the cap"
    shown_actual, shown_target = value(actual, unit, currency), value(target, unit, currency)
    if better == "lower":
        return f"{shown_target} ÷ {shown_actual}"
    return f"{shown_actual} ÷ {shown_target}"


def percent(fraction: float | None, edges: Sequence[Edge] = ()) -> str:
    """An attainment as a percentage with one decimal (more where an edge needs them)."""
    if fraction is None:
        return no_value()
    return f"{fixed(fraction, edge_digits(fraction, 1, edges, scale=2), scale=2)}%"


def signed(change: float, *, scale: int = 0) -> str:
    """A change with its sign and one decimal: +2.5, -3.0 (`scale=2`: a fraction in percent)."""
    text = fixed(change, 1, scale=scale)
    return text if text.startswith("-") else "+" + text


def score(points: float | None) -> str:
    """A score or total with one decimal."""
    return no_value() if points is None else fixed(points, 1)


def total_digits(points: float | None, grade_minimums: Sequence[float], least: int = 1) -> int:
    """Decimals a total needs so that its display does not cross a grade boundary.

    One decimal, unless rounding would lift the figure onto a grade's minimum that the
    exact total does not reach: 89.96 with an A from 90 shows as 89.96, not 90.0 beside
    a B. At least `least` decimals, never more than six.
    """
    if points is None:
        return least
    # A grade counts a total within TIE_TOLERANCE of its minimum as reaching it.
    reached = [points >= low - TIE_TOLERANCE for low in grade_minimums]
    for digits in range(least, MAX_TOTAL_DIGITS):
        shown = float(fixed(points, digits))
        if all((shown >= low) == r for low, r in zip(grade_minimums, reached, strict=True)):
            return digits
    return MAX_TOTAL_DIGITS


def total(points: float | None, grade_minimums: Sequence[float]) -> str:
    """A total as `score` shows it, with more decimals only where a grade boundary needs them."""
    if points is None:
        return no_value()
    return fixed(points, total_digits(points, grade_minimums))


def safe_text(text: str | None) -> str:
    """Text that no spreadsheet will run as a formula (prefixed with an apostrophe)."""
    if text is None:
        return ""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def printable(text: str) -> str:
    """Text as the terminal table, markdown and explain show it: a tab or line break as a
    space, every other control character as its escape (ESC as `\\x1b`), so that text
    from an export can neither break a row nor move the cursor or set a title."""
    if text.isprintable():
        return text
    return _CONTROL.sub(_shown_control, text)


def _shown_control(control: re.Match[str]) -> str:
    character = control.group()
    return " " if character in _SPACES else f"\\x{ord(character):02x}"
