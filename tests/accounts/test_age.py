"""Age from a date of birth that is never stored (KID-01)."""

from __future__ import annotations

import datetime as dt

import pytest

from candid.accounts.age import age_on


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (dt.date(2008, 11, 23), dt.date(2026, 11, 22), 17),
        (dt.date(2008, 11, 23), dt.date(2026, 11, 23), 18),
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), 17),
        (dt.date(2008, 2, 29), dt.date(2026, 3, 1), 18),
        (dt.date(2008, 2, 29), dt.date(2028, 2, 29), 20),
    ],
)
def test_age_turns_on_the_birthday_and_a_leap_day_birthday_on_first_march(
    born, today, age
):
    assert age_on(date_of_birth=born, today=today) == age
