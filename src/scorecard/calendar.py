"""Counting days for proration: calendar days, or workdays with holidays and make-up days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Set
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WorkCalendar:
    """Monday–Friday, minus holidays, plus make-up workdays (调休) that fall on weekends."""

    holidays: Set[dt.date] = field(default_factory=frozenset)
    makeup_workdays: Set[dt.date] = field(default_factory=frozenset)
    _counted: dict[tuple[dt.date, dt.date], int] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def is_workday(self, day: dt.date) -> bool:
        """Whether people are expected to work on `day`."""
        if day in self.makeup_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def count(self, start: dt.date, end: dt.date, mode: str) -> int:
        """Days from start to end inclusive: every day (`days`) or workdays (`workdays`)."""
        if end < start:
            return 0
        total = (end - start).days + 1
        if mode == "days":
            return total
        if (start, end) not in self._counted:  # (people share their periods' spans)
            days = (start + dt.timedelta(offset) for offset in range(total))
            self._counted[start, end] = sum(1 for day in days if self.is_workday(day))
        return self._counted[start, end]
