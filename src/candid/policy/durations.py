"""Durations written the way a policy says them: "48 hours", "1 month", "6 years"."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Unit = Literal["minutes", "hours", "days", "business_days", "weeks", "months", "years"]

_UNITS: dict[str, Unit] = {
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "business day": "business_days",
    "working day": "business_days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}
_APPROXIMATE_DAYS: dict[Unit, float] = {
    "minutes": 1 / 1440,
    "hours": 1 / 24,
    "days": 1,
    "business_days": 7 / 5,
    "weeks": 7,
    "months": 30.4375,
    "years": 365.25,
}
_PATTERN = re.compile(r"^\s*(\d+)\s+([a-z ]+?)s?\s*$")


@dataclass(frozen=True, order=False)
class Duration:
    """A count of calendar units, kept as written so "1 month" stays a month."""

    amount: int
    unit: Unit

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Return the duration that `text` ("30 days", "1 year") states."""
        match = _PATTERN.match(text.lower())
        if not match or match.group(2) not in _UNITS:
            raise ValueError(
                f"{text!r} is not a duration; write a number and a unit, "
                "such as '90 days', '1 month' or '6 years'"
            )
        return cls(int(match.group(1)), _UNITS[match.group(2)])

    @property
    def approximate_days(self) -> float:
        """Return the length in days, for comparing durations of different units."""
        return self.amount * _APPROXIMATE_DAYS[self.unit]

    def after(self, start: dt.datetime) -> dt.datetime:
        """Return the moment this duration after `start` (months end-of-month aware)."""
        if self.unit == "minutes":
            return start + dt.timedelta(minutes=self.amount)
        if self.unit == "hours":
            return start + dt.timedelta(hours=self.amount)
        if self.unit == "days":
            return start + dt.timedelta(days=self.amount)
        if self.unit == "weeks":
            return start + dt.timedelta(weeks=self.amount)
        if self.unit == "business_days":
            return add_business_days(start, self.amount)
        months = self.amount * (12 if self.unit == "years" else 1)
        return add_months(start, months)

    def __str__(self) -> str:
        word = self.unit.replace("_", " ")
        return f"{self.amount} {word[:-1] if self.amount == 1 else word}"


def add_months(start: dt.datetime, months: int) -> dt.datetime:
    """Return the same day `months` later, or that month's last day if it has none."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


def add_business_days(start: dt.datetime, days: int) -> dt.datetime:
    """Return the moment `days` working days (Monday to Friday) after `start`."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
