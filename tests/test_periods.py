"""Periods (SPEC §3.1): `--period` forms, fiscal calendars, `--from/--to`, the default period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.errors import ConfigError
from scorecard.periods import (
    Period,
    clipped,
    custom_period,
    default_period,
    last_year_period,
    parse_period,
    period_cell,
    period_containing,
    previous_period,
)

D = dt.date
KINDS = ("week", "month", "quarter", "half", "year")


def span(period: Period) -> tuple[str, dt.date, dt.date, str]:
    return period.label, period.start, period.end, period.kind


# ------------------------------------------------------------------ parse_period


@pytest.mark.parametrize(
    ("text", "fiscal_year_start", "expected"),
    [
        # months: the last day follows the calendar (leap years included)
        ("2026-10", 1, ("2026-10", D(2026, 10, 1), D(2026, 10, 31), "month")),
        ("2026-02", 1, ("2026-02", D(2026, 2, 1), D(2026, 2, 28), "month")),
        ("2024-02", 1, ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month")),
        ("2026-1", 1, ("2026-01", D(2026, 1, 1), D(2026, 1, 31), "month")),
        ("2026-12", 1, ("2026-12", D(2026, 12, 1), D(2026, 12, 31), "month")),
        # a month is a month whatever the fiscal year
        ("2026-10", 4, ("2026-10", D(2026, 10, 1), D(2026, 10, 31), "month")),
        # calendar quarters, halves, years
        ("2026-Q1", 1, ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31), "quarter")),
        ("2026-Q3", 1, ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), "quarter")),
        ("2026-Q4", 1, ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31), "quarter")),
        ("2026-q3", 1, ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), "quarter")),
        (" 2026-Q3 ", 1, ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), "quarter")),
        ("2026-H1", 1, ("2026-H1", D(2026, 1, 1), D(2026, 6, 30), "half")),
        ("2026-H2", 1, ("2026-H2", D(2026, 7, 1), D(2026, 12, 31), "half")),
        ("2026", 1, ("2026", D(2026, 1, 1), D(2026, 12, 31), "year")),
        # fiscal year from April, named by the calendar year it starts in
        ("2026-Q1", 4, ("2026-Q1", D(2026, 4, 1), D(2026, 6, 30), "quarter")),
        ("2026-Q2", 4, ("2026-Q2", D(2026, 7, 1), D(2026, 9, 30), "quarter")),
        ("2026-Q3", 4, ("2026-Q3", D(2026, 10, 1), D(2026, 12, 31), "quarter")),
        ("2026-Q4", 4, ("2026-Q4", D(2027, 1, 1), D(2027, 3, 31), "quarter")),
        ("2026-H1", 4, ("2026-H1", D(2026, 4, 1), D(2026, 9, 30), "half")),
        ("2026-H2", 4, ("2026-H2", D(2026, 10, 1), D(2027, 3, 31), "half")),
        ("2026", 4, ("2026", D(2026, 4, 1), D(2027, 3, 31), "year")),
        # fiscal year from December: Q1 = Dec..Feb, ending on 29 Feb in a leap year
        ("2026-Q1", 12, ("2026-Q1", D(2026, 12, 1), D(2027, 2, 28), "quarter")),
        ("2027-Q1", 12, ("2027-Q1", D(2027, 12, 1), D(2028, 2, 29), "quarter")),
        ("2026-Q4", 12, ("2026-Q4", D(2027, 9, 1), D(2027, 11, 30), "quarter")),
        ("2026", 12, ("2026", D(2026, 12, 1), D(2027, 11, 30), "year")),
        # ISO weeks, Monday..Sunday. 2026-01-01 is a Thursday, so W01 (the week
        # holding 4 January) starts Monday 2025-12-29.
        ("2026-W01", 1, ("2026-W01", D(2025, 12, 29), D(2026, 1, 4), "week")),
        # W41 starts 40 weeks later: 2025-12-29 + 280 days = day 278 of 2026 = 5 October
        ("2026-W41", 1, ("2026-W41", D(2026, 10, 5), D(2026, 10, 11), "week")),
        ("2026-w41", 1, ("2026-W41", D(2026, 10, 5), D(2026, 10, 11), "week")),
        ("2026-W1", 1, ("2026-W01", D(2025, 12, 29), D(2026, 1, 4), "week")),
        # 2026 starts on a Thursday, so it has 53 ISO weeks; W53 ends in 2027
        ("2026-W53", 1, ("2026-W53", D(2026, 12, 28), D(2027, 1, 3), "week")),
        # 2025-01-01 is a Wednesday: W01 starts Monday 2024-12-30
        ("2025-W01", 1, ("2025-W01", D(2024, 12, 30), D(2025, 1, 5), "week")),
        # weeks ignore the fiscal year
        ("2026-W41", 4, ("2026-W41", D(2026, 10, 5), D(2026, 10, 11), "week")),
    ],
)
def test_parse_period(text: str, fiscal_year_start: int, expected: tuple[object, ...]) -> None:
    assert span(parse_period(text, fiscal_year_start)) == expected


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # months as targets sheets write them
        ("2026年10月", "2026-10"),
        ("2026年1月份", "2026-01"),
        ("２０２６年１０月", "2026-10"),  # full-width digits
        ("2026/10", "2026-10"),
        ("10/2026", "2026-10"),
        ("October 2026", "2026-10"),
        ("Sept. 2026", "2026-09"),
        ("oct-2026", "2026-10"),
        ("Oct-26", "2026-10"),  # Excel's mmm-yy display of a month, saved to CSV
        # quarters, halves, weeks, years
        ("2026年第四季度", "2026-Q4"),
        ("2026年第1季度", "2026-Q1"),
        ("2026年三季度", "2026-Q3"),
        ("2026年Q2", "2026-Q2"),
        ("2026 Q4", "2026-Q4"),
        ("Q4 2026", "2026-Q4"),
        ("q3-2026", "2026-Q3"),
        ("2026年上半年", "2026-H1"),
        ("2026年下半年", "2026-H2"),
        ("H2 2026", "2026-H2"),
        ("2026年第41周", "2026-W41"),
        ("2026 W41", "2026-W41"),
        ("2026年", "2026"),
        ("2026年度", "2026"),
        ("2026年全年", "2026"),
    ],
)
def test_written_forms_are_their_canonical_period(text: str, canonical: str) -> None:
    # fiscal year from April: the written quarter is the fiscal one, like 2026-Q4 itself
    for fiscal_year_start in (1, 4):
        assert span(parse_period(text, fiscal_year_start)) == span(
            parse_period(canonical, fiscal_year_start)
        )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("FY2026", "2026"),
        ("fy26", "2026"),
        ("FY'26", "2026"),
        ("FY2026 Q3", "2026-Q3"),
        ("FY26-Q3", "2026-Q3"),
        ("FY2026 H2", "2026-H2"),
        ("2026财年", "2026"),
        ("2026财年第三季度", "2026-Q3"),
        ("2026财年Q1", "2026-Q1"),
    ],
)
def test_fiscal_year_names_with_calendar_fiscal_years(text: str, label: str) -> None:
    assert parse_period(text).label == label


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "FY2027",
            "'FY2027' could name either of two fiscal years (fiscal_year_start: 4): fiscal "
            "years are named by the year they start in, so write 2026 for "
            "2026-04-01..2027-03-31 or 2027 for 2027-04-01..2028-03-31.",
        ),
        (
            "FY27 Q1",
            "'FY27 Q1' could name either of two fiscal years (fiscal_year_start: 4): fiscal "
            "years are named by the year they start in, so write 2026-Q1 for "
            "2026-04-01..2026-06-30 or 2027-Q1 for 2027-04-01..2027-06-30.",
        ),
    ],
)
def test_fiscal_year_names_are_ambiguous_with_another_start(text: str, message: str) -> None:
    # FY2027 is the year from April 2026 to some companies, from April 2027 to others
    with pytest.raises(ConfigError) as caught:
        parse_period(text, 4)
    assert str(caught.value) == message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2026-10", "2026-10"),
        ("2026年第四季度", "2026-Q4"),
        # a workbook's date cell (shown as 2026年10月 or Oct-26) reads as "2026-10-01 00:00:00"
        ("2026-10-01 00:00:00", "2026-10"),
        ("2026-10-01", "2026-10"),
        ("2026/2/1", "2026-02"),
        ("2026年10月1日", "2026-10"),
        ("2026-10-01..2026-12-31", "2026-10-01..2026-12-31"),
    ],
)
def test_period_cell(text: str, label: str) -> None:
    assert period_cell(text).label == label


@pytest.mark.parametrize("text", ["2026-10-05", "2026-10-05 00:00:00", "2026-10-01 09:30:00"])
def test_period_cell_rejects_other_dates(text: str) -> None:
    # only the first of a month at midnight is a month typed into a date cell
    with pytest.raises(ConfigError):
        period_cell(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-13",  # no 13th month
        "2026-00",
        "abc",
        "",
        "2026-Q5",
        "2026-Q0",
        "2026-H3",
        "2025-W53",  # 2025 starts on a Wednesday and is not a leap year: 52 weeks
        "2026-W54",
        "2026-W00",
        "26-10",
        "2026-10-05",  # a date, not a period (dates go to --from/--to)
        "2026-10-01",  # even the first of a month (only a targets-file cell reads as one)
        "Foo 2026",
        "2026年13月",
        "2026年第五季度",
        "13/2026",
    ],
)
def test_parse_period_rejects(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_period(text)
    assert str(caught.value) == (
        f"'{text}' is not a period: use 2026-10 (month), 2026-Q3, 2026-H2, 2026 (year) "
        "or 2026-W41 (ISO week)."
    )
    assert caught.value.exit_code == 2


# ------------------------------------------------------------------ --from / --to


@pytest.mark.parametrize(
    ("start", "end", "fiscal_year_start", "expected"),
    [
        ("2026-10-01", "2026-10-31", 1, (D(2026, 10, 1), D(2026, 10, 31))),
        ("2026-10-05", "2026-10-05", 1, (D(2026, 10, 5), D(2026, 10, 5))),  # one day
        (" 2026-10-01 ", "2026-10-31", 1, (D(2026, 10, 1), D(2026, 10, 31))),
        # period tokens: --from uses the period's start, --to its end
        ("2026-01", "2026-03", 1, (D(2026, 1, 1), D(2026, 3, 31))),
        ("2026-02", "2026-02", 1, (D(2026, 2, 1), D(2026, 2, 28))),
        ("2026-Q1", "2026-Q2", 1, (D(2026, 1, 1), D(2026, 6, 30))),
        ("2026-Q1", "2026-Q2", 4, (D(2026, 4, 1), D(2026, 9, 30))),
        ("2026-W41", "2026-W42", 1, (D(2026, 10, 5), D(2026, 10, 18))),
        ("2026", "2026", 4, (D(2026, 4, 1), D(2027, 3, 31))),
        # a date and a period mixed
        ("2026-09-15", "2026-10", 1, (D(2026, 9, 15), D(2026, 10, 31))),
        # dates as typed: no leading zeros, slashes, points, Chinese, full-width digits
        ("2026-10-1", "2026/10/31", 1, (D(2026, 10, 1), D(2026, 10, 31))),
        ("2026.10.05", "2026年10月6日", 1, (D(2026, 10, 5), D(2026, 10, 6))),
        ("２０２６-10-01", "2026 年 10 月 9 日", 1, (D(2026, 10, 1), D(2026, 10, 9))),
    ],
)
def test_custom_period(
    start: str, end: str, fiscal_year_start: int, expected: tuple[dt.date, dt.date]
) -> None:
    period = custom_period(start, end, fiscal_year_start)
    assert (period.start, period.end) == expected
    assert period.kind == "custom"
    assert period.label == f"{expected[0].isoformat()}..{expected[1].isoformat()}"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-10-31", "2026-10-01", "--to 2026-10-01 is before --from 2026-10-31."),
        ("2026-03", "2026-01", "--to 2026-01 is before --from 2026-03."),
        # --to 2026-10 ends 2026-10-31, which is after a --from of 2026-10-15: fine;
        # --to 2026-09 ends 2026-09-30, before 2026-10-15
        ("2026-10-15", "2026-09", "--to 2026-09 is before --from 2026-10-15."),
        (
            "2026-02-30",
            "2026-03-01",
            "'2026-02-30' is not a date: use YYYY-MM-DD, e.g. 2026-10-01.",
        ),
        (
            "2026/02/30",
            "2026-03-01",
            "'2026/02/30' is not a date: use YYYY-MM-DD, e.g. 2026-10-01.",
        ),
        (
            "2026-10-01",
            "2026-13",
            "'2026-13' is not a period: use 2026-10 (month), 2026-Q3, 2026-H2, 2026 (year) "
            "or 2026-W41 (ISO week).",
        ),
        (
            "abc",
            "2026-10-31",
            "'abc' is not a period: use 2026-10 (month), 2026-Q3, 2026-H2, 2026 (year) "
            "or 2026-W41 (ISO week).",
        ),
    ],
)
def test_custom_period_rejects(start: str, end: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        custom_period(start, end)
    assert str(caught.value) == message


# ------------------------------------------------------------------ default period


@pytest.mark.parametrize(
    ("kind", "today", "fiscal_year_start", "expected"),
    [
        # months: the month before this one, also on the 1st and across new year
        ("month", D(2026, 11, 15), 1, ("2026-10", D(2026, 10, 1), D(2026, 10, 31))),
        ("month", D(2026, 11, 1), 1, ("2026-10", D(2026, 10, 1), D(2026, 10, 31))),
        ("month", D(2026, 10, 31), 1, ("2026-09", D(2026, 9, 1), D(2026, 9, 30))),
        ("month", D(2026, 1, 15), 1, ("2025-12", D(2025, 12, 1), D(2025, 12, 31))),
        ("month", D(2024, 3, 1), 1, ("2024-02", D(2024, 2, 1), D(2024, 2, 29))),
        # calendar quarters
        ("quarter", D(2026, 11, 15), 1, ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30))),
        ("quarter", D(2026, 2, 10), 1, ("2025-Q4", D(2025, 10, 1), D(2025, 12, 31))),
        # fiscal quarters from April. May 2026 is in FY2026 Q1 (Apr-Jun 2026); the one
        # before is FY2025 Q4 = Jan-Mar 2026
        ("quarter", D(2026, 5, 20), 4, ("2025-Q4", D(2026, 1, 1), D(2026, 3, 31))),
        # February 2026 is in FY2025 Q4 (Jan-Mar 2026); before it FY2025 Q3 = Oct-Dec 2025
        ("quarter", D(2026, 2, 1), 4, ("2025-Q3", D(2025, 10, 1), D(2025, 12, 31))),
        # 1 January 2027 is in FY2026 Q4; before it FY2026 Q3 = Oct-Dec 2026
        ("quarter", D(2027, 1, 1), 4, ("2026-Q3", D(2026, 10, 1), D(2026, 12, 31))),
        # fiscal year from October: November 2026 is FY2026 Q1, before it FY2025 Q4
        ("quarter", D(2026, 11, 15), 10, ("2025-Q4", D(2026, 7, 1), D(2026, 9, 30))),
        # halves
        ("half", D(2026, 7, 1), 1, ("2026-H1", D(2026, 1, 1), D(2026, 6, 30))),
        ("half", D(2026, 3, 1), 1, ("2025-H2", D(2025, 7, 1), D(2025, 12, 31))),
        # 1 April 2026 starts FY2026 H1; before it FY2025 H2 = Oct 2025 - Mar 2026
        ("half", D(2026, 4, 1), 4, ("2025-H2", D(2025, 10, 1), D(2026, 3, 31))),
        # years
        ("year", D(2026, 3, 3), 1, ("2025", D(2025, 1, 1), D(2025, 12, 31))),
        ("year", D(2026, 1, 1), 1, ("2025", D(2025, 1, 1), D(2025, 12, 31))),
        # 31 March 2026 is the last day of FY2025, which is not complete yet
        ("year", D(2026, 3, 31), 4, ("2024", D(2024, 4, 1), D(2025, 3, 31))),
        ("year", D(2026, 4, 1), 4, ("2025", D(2025, 4, 1), D(2026, 3, 31))),
        # ISO weeks. Thursday 2026-10-08 is in W41 (Oct 5-11): last complete is W40
        ("week", D(2026, 10, 8), 1, ("2026-W40", D(2026, 9, 28), D(2026, 10, 4))),
        # on the Monday starting W41, W40 is complete
        ("week", D(2026, 10, 5), 1, ("2026-W40", D(2026, 9, 28), D(2026, 10, 4))),
        # on the Sunday ending W41, W41 is not complete yet
        ("week", D(2026, 10, 11), 1, ("2026-W40", D(2026, 9, 28), D(2026, 10, 4))),
        # across new year: 2026-01-01 is in 2026-W01 (Dec 29 - Jan 4); before it 2025-W52
        ("week", D(2026, 1, 1), 1, ("2025-W52", D(2025, 12, 22), D(2025, 12, 28))),
        # 2027-01-02 (Saturday) is still in 2026-W53 (Dec 28 - Jan 3); before it W52
        ("week", D(2027, 1, 2), 1, ("2026-W52", D(2026, 12, 21), D(2026, 12, 27))),
        # Monday 2027-01-04 starts 2027-W01: the complete week is 2026-W53
        ("week", D(2027, 1, 4), 1, ("2026-W53", D(2026, 12, 28), D(2027, 1, 3))),
    ],
)
def test_default_period(
    kind: str,
    today: dt.date,
    fiscal_year_start: int,
    expected: tuple[str, dt.date, dt.date],
) -> None:
    period = default_period(kind, today, fiscal_year_start)
    assert (period.label, period.start, period.end) == expected
    assert period.kind == kind


# ------------------------------------------------------------------ previous / containing


# Cases of (period, fiscal_year_start, the period before it / the same period a year earlier).
PREVIOUS = [
    ("2026-01", 1, ("2025-12", D(2025, 12, 1), D(2025, 12, 31))),
    ("2024-03", 1, ("2024-02", D(2024, 2, 1), D(2024, 2, 29))),
    ("2026-Q1", 1, ("2025-Q4", D(2025, 10, 1), D(2025, 12, 31))),
    ("2026-Q1", 4, ("2025-Q4", D(2026, 1, 1), D(2026, 3, 31))),
    ("2026-Q4", 4, ("2026-Q3", D(2026, 10, 1), D(2026, 12, 31))),
    ("2026-H1", 1, ("2025-H2", D(2025, 7, 1), D(2025, 12, 31))),
    ("2026-H1", 4, ("2025-H2", D(2025, 10, 1), D(2026, 3, 31))),
    ("2026", 1, ("2025", D(2025, 1, 1), D(2025, 12, 31))),
    ("2026", 4, ("2025", D(2025, 4, 1), D(2026, 3, 31))),
    ("2026-W01", 1, ("2025-W52", D(2025, 12, 22), D(2025, 12, 28))),
    ("2027-W01", 1, ("2026-W53", D(2026, 12, 28), D(2027, 1, 3))),
    ("2026-W41", 1, ("2026-W40", D(2026, 9, 28), D(2026, 10, 4))),
]
LAST_YEAR = [
    ("2026-10", 1, ("2025-10", D(2025, 10, 1), D(2025, 10, 31))),
    ("2024-02", 1, ("2023-02", D(2023, 2, 1), D(2023, 2, 28))),
    ("2026-Q1", 4, ("2025-Q1", D(2025, 4, 1), D(2025, 6, 30))),
    ("2026-W41", 1, ("2025-W41", D(2025, 10, 6), D(2025, 10, 12))),
    # 2025 has 52 ISO weeks: the 53rd week of 2026 compares with 2025's last
    ("2026-W53", 1, ("2025-W52", D(2025, 12, 22), D(2025, 12, 28))),
]


@pytest.mark.parametrize(
    ("earlier", "text", "fiscal_year_start", "expected"),
    [(previous_period, *case) for case in PREVIOUS]
    + [(last_year_period, *case) for case in LAST_YEAR],
)
def test_earlier_periods(
    earlier: Callable[[Period, int], Period],
    text: str,
    fiscal_year_start: int,
    expected: tuple[str, dt.date, dt.date],
) -> None:
    period = earlier(parse_period(text, fiscal_year_start), fiscal_year_start)
    assert (period.label, period.start, period.end) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # 10 days (Oct 1-10) → the 10 days before: Sep 21-30
        ("2026-10-01", "2026-10-10", (D(2026, 9, 21), D(2026, 9, 30))),
        # one day → the day before
        ("2026-03-01", "2026-03-01", (D(2026, 2, 28), D(2026, 2, 28))),
        # Jan 1-31 (31 days) → Dec 1-31
        ("2026-01-01", "2026-01-31", (D(2025, 12, 1), D(2025, 12, 31))),
    ],
)
def test_previous_custom_period_has_the_same_length(
    start: str, end: str, expected: tuple[dt.date, dt.date]
) -> None:
    period = previous_period(custom_period(start, end))
    assert (period.start, period.end) == expected
    assert period.kind == "custom"


@pytest.mark.parametrize(
    ("kind", "day", "fiscal_year_start", "expected"),
    [
        ("month", D(2026, 10, 31), 1, ("2026-10", D(2026, 10, 1), D(2026, 10, 31))),
        ("quarter", D(2026, 9, 30), 1, ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30))),
        ("quarter", D(2026, 11, 15), 4, ("2026-Q3", D(2026, 10, 1), D(2026, 12, 31))),
        ("quarter", D(2026, 2, 15), 4, ("2025-Q4", D(2026, 1, 1), D(2026, 3, 31))),
        ("quarter", D(2026, 4, 1), 4, ("2026-Q1", D(2026, 4, 1), D(2026, 6, 30))),
        ("half", D(2026, 3, 31), 4, ("2025-H2", D(2025, 10, 1), D(2026, 3, 31))),
        ("year", D(2026, 3, 31), 4, ("2025", D(2025, 4, 1), D(2026, 3, 31))),
        ("year", D(2026, 12, 31), 1, ("2026", D(2026, 1, 1), D(2026, 12, 31))),
        ("week", D(2027, 1, 1), 1, ("2026-W53", D(2026, 12, 28), D(2027, 1, 3))),
        ("week", D(2024, 12, 30), 1, ("2025-W01", D(2024, 12, 30), D(2025, 1, 5))),
        ("week", D(2026, 10, 11), 1, ("2026-W41", D(2026, 10, 5), D(2026, 10, 11))),
    ],
)
def test_period_containing(
    kind: str, day: dt.date, fiscal_year_start: int, expected: tuple[str, dt.date, dt.date]
) -> None:
    period = period_containing(kind, day, fiscal_year_start)
    assert (period.label, period.start, period.end) == expected


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        # 2026-W40 (28 September - 4 October) in October: its days from 1 October
        ("2026-W40", D(2026, 10, 1), D(2026, 10, 31), ("2026-10-01..2026-10-04", "custom")),
        # 2026-W44 (26 October - 1 November) in October: up to 31 October
        ("2026-W44", D(2026, 10, 1), D(2026, 10, 31), ("2026-10-26..2026-10-31", "custom")),
        # 2026-09 in a range from 29 September
        ("2026-09", D(2026, 9, 29), D(2026, 10, 31), ("2026-09-29..2026-09-30", "custom")),
        # a period inside the range is itself
        ("2026-10", D(2026, 9, 29), D(2026, 10, 31), ("2026-10", "month")),
        ("2026-W41", D(2026, 10, 1), D(2026, 10, 31), ("2026-W41", "week")),
    ],
)
def test_clipped(text: str, start: dt.date, end: dt.date, expected: tuple[str, str]) -> None:
    period = clipped(parse_period(text), start, end)
    assert (period.label, period.kind) == expected
    whole = parse_period(text)
    assert (period.start, period.end) == (max(whole.start, start), min(whole.end, end))
    if period.kind == "custom":  # the period a --from/--to run of those days scores
        assert period == custom_period(period.start.isoformat(), period.end.isoformat())


def test_period_contains_both_ends() -> None:
    period = parse_period("2026-10")
    assert period.contains(D(2026, 10, 1))
    assert period.contains(D(2026, 10, 31))
    assert not period.contains(D(2026, 9, 30))
    assert not period.contains(D(2026, 11, 1))


# ------------------------------------------------------------------ properties

days = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


@given(kind=st.sampled_from(KINDS), day=days, fiscal_year_start=st.integers(1, 12))
def test_period_containing_holds_the_day_and_round_trips(
    kind: str, day: dt.date, fiscal_year_start: int
) -> None:
    period = period_containing(kind, day, fiscal_year_start)
    assert period.contains(day)
    assert parse_period(period.label, fiscal_year_start) == period


@given(kind=st.sampled_from(KINDS), day=days, fiscal_year_start=st.integers(1, 12))
def test_periods_tile_the_calendar(kind: str, day: dt.date, fiscal_year_start: int) -> None:
    period = period_containing(kind, day, fiscal_year_start)
    before = previous_period(period, fiscal_year_start)
    assert before.end == period.start - dt.timedelta(days=1)
    assert before.kind == kind


@given(kind=st.sampled_from(KINDS), today=days, fiscal_year_start=st.integers(1, 12))
def test_default_period_is_complete_and_the_latest(
    kind: str, today: dt.date, fiscal_year_start: int
) -> None:
    period = default_period(kind, today, fiscal_year_start)
    assert period.end < today
    # the period after it is not complete: it holds today
    after = period_containing(kind, period.end + dt.timedelta(days=1), fiscal_year_start)
    assert after.contains(today)
