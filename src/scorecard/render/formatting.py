"""Display formatting shared by the text renderers: values by unit, percentages, scores."""

from __future__ import annotations

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


def currency_symbol(code: str | None) -> str:
    """The display symbol for a currency code (the code itself when unknown)."""
    if not code:
        return ""
    return CURRENCY_SYMBOLS.get(code.upper(), code.upper() + " ")


def value(actual: float | None, unit: str, currency: str | None = None) -> str:
    """An actual as a person reads it: ¥123,400 · 35.0% · 12.5 d · 4.35."""
    if actual is None:
        return "n/a"
    if unit == "currency":
        sign = "-" if actual < 0 else ""
        digits = 0 if abs(actual) >= 100 or float(actual).is_integer() else 2
        return f"{sign}{currency_symbol(currency)}{abs(actual):,.{digits}f}"
    if unit == "percent":
        return f"{actual * 100:.1f}%"
    if unit == "days":
        return f"{actual:.1f} d"
    if unit == "score":
        return f"{actual:.1f}"
    if float(actual).is_integer():
        return f"{int(actual):,}"
    return f"{actual:,.2f}"


def percent(fraction: float | None) -> str:
    """An attainment as a percentage with one decimal."""
    return "n/a" if fraction is None else f"{fraction * 100:.1f}%"


def score(points: float | None) -> str:
    """A score or total with one decimal."""
    return "n/a" if points is None else f"{points:.1f}"


def safe_text(text: str | None) -> str:
    """Text that no spreadsheet will run as a formula (prefixed with an apostrophe)."""
    if text is None:
        return ""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
