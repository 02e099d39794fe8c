"""Scoring periods: parsing `--period` forms, fiscal calendars, the default period.

Fiscal years are named by the calendar year in which they start: with
`fiscal_year_start: 4`, `2026` runs 2026-04-01..2027-03-31 and `2026-Q1` is
April-June 2026. With the default start (January) this is the calendar year.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
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


_QUARTER_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4"}
MONTH_NUMBERS = {  # English month names and abbreviations, lower case → 1..12
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# How people write periods in a targets sheet, each rewritten to the canonical form.
_WRITTEN: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    # 2026年10月, 2026年10月份, 2026/10, 10/2026
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月份?"), lambda m: f"{m[1]}-{m[2]}"),
    (re.compile(r"(\d{4})\s*/\s*(\d{1,2})"), lambda m: f"{m[1]}-{m[2]}"),
    (re.compile(r"(\d{1,2})\s*/\s*(\d{4})"), lambda m: f"{m[2]}-{m[1]}"),
    # 2026年第四季度, 2026年4季度, 2026年Q4, 2026 Q4, Q4 2026
    (
        re.compile(r"(\d{4})\s*年?\s*第?\s*([1-4一二三四])\s*季度?"),
        lambda m: f"{m[1]}-Q{_QUARTER_DIGITS.get(m[2], m[2])}",
    ),
    (re.compile(r"(\d{4})\s*年?\s*([QHW]\d{1,2})"), lambda m: f"{m[1]}-{m[2]}"),
    (re.compile(r"([QH][1-4])\s*[-/ ]?\s*(\d{4})"), lambda m: f"{m[2]}-{m[1]}"),
    # 2026年上半年 / 下半年, 2026年第41周, 2026年, 2026年度, 2026年全年
    (
        re.compile(r"(\d{4})\s*年\s*([上下])半年"),
        lambda m: f"{m[1]}-H{'1' if m[2] == '上' else '2'}",
    ),
    (re.compile(r"(\d{4})\s*年\s*第?\s*(\d{1,2})\s*周"), lambda m: f"{m[1]}-W{m[2]}"),
    (re.compile(r"(\d{4})\s*年(?:度|全年)?"), lambda m: m[1]),
    # October 2026, Oct-2026, and Oct-26 (how Excel's mmm-yy writes a month to CSV)
    (
        re.compile(r"([A-Z]{3,9})\.?[-\s/]+(\d{4}|\d{2})"),
        lambda m: (
            f"{m[2] if len(m[2]) == 4 else '20' + m[2]}-{MONTH_NUMBERS[m[1].lower()]}"
            if m[1].lower() in MONTH_NUMBERS
            else m[0]
        ),
    ),
)
# A date cell in a period column (a workbook's "2026-10-01 00:00:00", or 2026/10/1):
# someone typed the month and the sheet stored its first day.
_FIRST_OF_MONTH = re.compile(
    r"(\d{4})\s*[-/年]\s*(\d{1,2})\s*[-/月]\s*0?1\s*日?(?:[T ]00:00(?::00(?:\.0+)?)?)?"
)


def _canonical(text: str) -> str:
    """`text` in the canonical spelling when it is a written form of a period."""
    value = unicodedata.normalize("NFKC", text).strip().upper()
    for pattern, rewrite in _WRITTEN:
        if match := pattern.fullmatch(value):
            return rewrite(match)
    return value


# A fiscal year named FY2026 / FY26 / 2026财年, with or without a quarter or half.
_FISCAL_NAME = re.compile(
    r"(?:FY\s*'?(\d{4}|\d{2})|(\d{4})\s*财年)\s*[-/ ]?\s*"
    r"(?:第?\s*([1-4一二三四])\s*季度|([QH][1-4]))?"
)


def _fiscal_name(value: str, text: str, fiscal_year_start: int) -> str:
    """FY2026 Q3 as 2026-Q3 when fiscal years are calendar years; else `value` unchanged.

    With a fiscal year from another month, FY2027 means the year that starts in 2026
    to some (Microsoft, Apple) and the one that starts in 2027 to others (Japan):
    a ConfigError asks for the start year, as this tool names fiscal years.
    """
    match = _FISCAL_NAME.fullmatch(value)
    if match is None:
        return value
    digits = match[1] or match[2]
    year = int(digits) + (2000 if len(digits) == 2 else 0)
    part = f"-Q{_QUARTER_DIGITS.get(match[3], match[3])}" if match[3] else ""
    part = f"-{match[4]}" if match[4] else part
    if fiscal_year_start == 1:
        return f"{year}{part}"
    earlier = parse_period(f"{year - 1}{part}", fiscal_year_start)
    later = parse_period(f"{year}{part}", fiscal_year_start)
    raise ConfigError.of(
        "err_fiscal_name",
        text=text,
        month=fiscal_year_start,
        earlier=earlier.label,
        earlier_span=f"{earlier.start}..{earlier.end}",
        later=later.label,
        later_span=f"{later.start}..{later.end}",
    )


def parse_period(text: str, fiscal_year_start: int = 1) -> Period:
    """Parse 2026-10, 2026-Q3, 2026-H2, 2026 or 2026-W41 (a ConfigError when it is none).

    Written forms are read as their canonical spelling: 2026年10月, 2026/10 and
    October 2026 are 2026-10; 2026年第四季度 and Q4 2026 are 2026-Q4; 2026年上半年
    is 2026-H1; 2026年第41周 is 2026-W41; 2026年度 is 2026. With calendar fiscal
    years, FY2026 and 2026财年 are 2026, and FY26 Q3 is 2026-Q3.
    """
    value = _fiscal_name(_canonical(text), text, fiscal_year_start)
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


def period_cell(text: str, fiscal_year_start: int = 1) -> Period:
    """A targets file's period cell: a period, a range `START..END`, or a month's first day.

    A workbook cell that shows 2026年10月 or Oct-26 holds the date 2026-10-01, and
    reads as such: a date on the first of a month is that month. Any other date is
    not a period (a ConfigError).
    """
    if ".." in text:
        start, end = text.split("..", 1)
        return custom_period(start, end, fiscal_year_start)
    value = unicodedata.normalize("NFKC", text).strip()
    if match := _FIRST_OF_MONTH.fullmatch(value):
        try:
            return month_period(int(match[1]), int(match[2]))
        except ValueError:
            pass
    return parse_period(text, fiscal_year_start)


# A day as typed on a command line: 2026-10-01, 2026-10-1, 2026/10/1, 2026.10.01, 2026年10月1日
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_day(text: str) -> dt.date:
    """Parse a date given on the command line (2026-10-01, 2026/10/1, 2026年10月1日)."""
    found = _DAY.fullmatch(unicodedata.normalize("NFKC", text).strip())
    try:
        if found:
            return dt.date(*map(int, found.groups()))
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError.of("err_not_date", text=text) from None


def custom_period(start_text: str, end_text: str, fiscal_year_start: int = 1) -> Period:
    """`--from`/`--to`: each a date, or a period whose start (for --from) or end (--to) is used."""
    start = _bound(start_text, fiscal_year_start, first=True)
    end = _bound(end_text, fiscal_year_start, first=False)
    if end < start:
        raise ConfigError.of("err_to_before_from", end=end_text, start=start_text)
    return day_range(start, end)


def day_range(start: dt.date, end: dt.date) -> Period:
    """The custom period start..end, as `--from`/`--to` label it: 2026-09-29..2026-09-30."""
    return Period(f"{start.isoformat()}..{end.isoformat()}", start, end, "custom")


def _bound(text: str, fiscal_year_start: int, first: bool) -> dt.date:
    if _DAY.fullmatch(unicodedata.normalize("NFKC", text).strip()):
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
        return day_range(end - length, end)
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
        return day_range(_year_earlier(period.start), _year_earlier(period.end))
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


def clipped(period: Period, start: dt.date, end: dt.date) -> Period:
    """The days of `period` within start..end: `period` itself when it lies inside.

    A trend's first and last columns (2026-W40 of October, 2026-09 of a range from
    29 September) are the custom ranges of their days inside the scored period, so
    they count no row outside it and are scored as a `--from`/`--to` run of those days.
    """
    first, last = max(period.start, start), min(period.end, end)
    if (first, last) == (period.start, period.end):
        return period
    return day_range(first, last)


def default_period(kind: str, today: dt.date, fiscal_year_start: int = 1) -> Period:
    """The last complete period of `kind` before `today`."""
    return previous_period(period_containing(kind, today, fiscal_year_start), fiscal_year_start)
