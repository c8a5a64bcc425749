"""A person's age on a day, from a date of birth that is never stored (KID-01)."""

from __future__ import annotations

import datetime as dt


def age_on(*, date_of_birth: dt.date, today: dt.date) -> int:
    """Return the age in whole years on `today`; a 29 February birthday turns on 1 March."""
    had_birthday = (today.month, today.day) >= (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - (0 if had_birthday else 1)
