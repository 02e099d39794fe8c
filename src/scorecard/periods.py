"""Scoring periods: parsing `--period` forms, fiscal calendars, the default period.

Fiscal years are named by the calendar year in which they start: with
`fiscal_year_start: 4`, `2026` runs 2026-04-01..2027-03-31 and `2026-Q1` is
April-June 2026. With the default start (January) this is the calendar year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from scorecard.errors import ConfigError

_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}


@dataclass(frozen=True)
class Period:
    """A closed date range with a label such as 2026-10, 2026-Q3 or 2026-W41."""

    label: str
    start: dt.date
    end: dt.date
    kind: str = "custom"

    def contains(self, day: dt.date) -> bool:
        """Whether `day` falls in the period, both ends inclusive."""
        return self.start <= day <= self.end


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _month_span(year: int, month: int, months: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    next_year, next_month = _add_months(year, month, months)
    return start, dt.date(next_year, next_month, 1) - dt.timedelta(days=1)


def fiscal_period(kind: str, fiscal_year: int, index: int, fiscal_year_start: int) -> Period:
    """Quarter/half `index` (1-based) of a fiscal year, or the whole year (index 1)."""
    months = _MONTHS_IN[kind]
    year, month = _add_months(fiscal_year, fiscal_year_start, (index - 1) * months)
    start, end = _month_span(year, month, months)
    label = {
        "quarter": f"{fiscal_year}-Q{index}",
        "half": f"{fiscal_year}-H{index}",
        "year": f"{fiscal_year}",
    }[kind]
    return Period(label, start, end, kind)


def month_period(year: int, month: int) -> Period:
    """A calendar month."""
    start, end = _month_span(year, month, 1)
    return Period(f"{year}-{month:02d}", start, end, "month")


def week_period(year: int, week: int) -> Period:
    """An ISO week (Monday to Sunday)."""
    start = dt.date.fromisocalendar(year, week, 1)
    return Period(f"{year}-W{week:02d}", start, start + dt.timedelta(days=6), "week")


def parse_period(text: str, fiscal_year_start: int = 1) -> Period:
    """Parse 2026-10, 2026-Q3, 2026-H2, 2026 or 2026-W41 (a ConfigError when it is none)."""
    value = text.strip().upper()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
            return month_period(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})-?Q([1-4])", value):
            return fiscal_period("quarter", int(m[1]), int(m[2]), fiscal_year_start)
        if m := re.fullmatch(r"(\d{4})-?H([12])", value):
            return fiscal_period("half", int(m[1]), int(m[2]), fiscal_year_start)
        if m := re.fullmatch(r"(\d{4})", value):
            return fiscal_period("year", int(m[1]), 1, fiscal_year_start)
        if m := re.fullmatch(r"(\d{4})-?W(\d{1,2})", value):
            return week_period(int(m[1]), int(m[2]))
    except ValueError:
        pass
    raise ConfigError.of("err_not_period", text=text)


def parse_day(text: str) -> dt.date:
    """Parse an ISO date (2026-10-01) given on the command line."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError.of("err_not_date", text=text) from None


def custom_period(start_text: str, end_text: str, fiscal_year_start: int = 1) -> Period:
    """`--from`/`--to`: each a date, or a period whose start (for --from) or end (--to) is used."""
    start = _bound(start_text, fiscal_year_start, first=True)
    end = _bound(end_text, fiscal_year_start, first=False)
    if end < start:
        raise ConfigError.of("err_to_before_from", end=end_text, start=start_text)
    return Period(f"{start.isoformat()}..{end.isoformat()}", start, end, "custom")


def _bound(text: str, fiscal_year_start: int, first: bool) -> dt.date:
    if re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", text):
        return parse_day(text)
    period = parse_period(text, fiscal_year_start)
    return period.start if first else period.end


def period_containing(kind: str, day: dt.date, fiscal_year_start: int = 1) -> Period:
    """The period of the given kind that contains `day`."""
    if kind == "week":
        year, week, _ = day.isocalendar()
        return week_period(year, week)
    if kind == "month":
        return month_period(day.year, day.month)
    months = _MONTHS_IN[kind]
    offset = (day.month - fiscal_year_start) % 12
    fiscal_year = day.year if day.month >= fiscal_year_start else day.year - 1
    return fiscal_period(kind, fiscal_year, offset // months + 1, fiscal_year_start)


def previous_period(period: Period, fiscal_year_start: int = 1) -> Period:
    """The period of the same kind immediately before `period`.

    For a custom range: the range of the same length that ends the day before it starts.
    """
    if period.kind == "custom":
        length = period.end - period.start
        end = period.start - dt.timedelta(days=1)
        start = end - length
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end, "custom")
    return period_containing(period.kind, period.start - dt.timedelta(days=1), fiscal_year_start)


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def last_year_period(period: Period, fiscal_year_start: int = 1) -> Period:
    """The same period one year earlier (2026-10 → 2025-10, 2026-W41 → 2025-W41)."""
    if period.kind == "week":
        year, week, _ = period.start.isocalendar()
        weeks = dt.date(year - 1, 12, 28).isocalendar()[1]
        return week_period(year - 1, min(week, weeks))
    if period.kind == "custom":
        start, end = _year_earlier(period.start), _year_earlier(period.end)
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end, "custom")
    return period_containing(period.kind, _year_earlier(period.start), fiscal_year_start)


def periods_between(
    kind: str, start: dt.date, end: dt.date, fiscal_year_start: int = 1
) -> list[Period]:
    """The periods of `kind` that overlap start..end, in order (for trends)."""
    periods = []
    current = period_containing(kind, start, fiscal_year_start)
    while current.start <= end:
        periods.append(current)
        current = period_containing(kind, current.end + dt.timedelta(days=1), fiscal_year_start)
    return periods


def default_period(kind: str, today: dt.date, fiscal_year_start: int = 1) -> Period:
    """The last complete period of `kind` before `today`."""
    return previous_period(period_containing(kind, today, fiscal_year_start), fiscal_year_start)
