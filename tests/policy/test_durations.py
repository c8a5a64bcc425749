"""Durations are read as a policy writes them and counted on the calendar (DSR-03)."""

import datetime as dt

import pytest

from candid.policy.durations import Duration, add_business_days, add_months

# A Friday, so that business days have a weekend to skip.
FRIDAY = dt.datetime(2026, 1, 30, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90 days", Duration(90, "days")),
        ("1 Month", Duration(1, "months")),
        (" 6 years ", Duration(6, "years")),
        ("10 business days", Duration(10, "business_days")),
        ("3 working days", Duration(3, "business_days")),
        ("48 hours", Duration(48, "hours")),
    ],
)
def test_a_duration_is_read_with_its_unit_as_written(text, expected):
    assert Duration.parse(text) == expected


@pytest.mark.parametrize("text", ["soon", "a month", "3 fortnights", "-1 days"])
def test_text_that_is_not_a_duration_is_refused_with_how_to_write_one(text):
    with pytest.raises(ValueError, match="is not a duration") as caught:
        Duration.parse(text)

    assert str(caught.value) == (
        f"{text!r} is not a duration; write a number and a unit, "
        "such as '90 days', '1 month' or '6 years'"
    )


def test_a_duration_prints_as_a_policy_says_it():
    assert [str(Duration(1, "months")), str(Duration(2, "business_days"))] == [
        "1 month",
        "2 business days",
    ]


def test_durations_in_other_units_compare_by_their_length_in_days():
    assert Duration(2, "weeks").approximate_days == 14
    assert Duration(5, "business_days").approximate_days == 7
    assert (
        Duration(1, "years").approximate_days == Duration(12, "months").approximate_days
    )


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (Duration(90, "minutes"), dt.datetime(2026, 1, 30, 11, 0, tzinfo=dt.UTC)),
        (Duration(48, "hours"), dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)),
        (Duration(3, "days"), dt.datetime(2026, 2, 2, 9, 30, tzinfo=dt.UTC)),
        (Duration(2, "weeks"), dt.datetime(2026, 2, 13, 9, 30, tzinfo=dt.UTC)),
        (Duration(1, "business_days"), dt.datetime(2026, 2, 2, 9, 30, tzinfo=dt.UTC)),
        (Duration(1, "years"), dt.datetime(2027, 1, 30, 9, 30, tzinfo=dt.UTC)),
    ],
)
def test_a_duration_after_a_moment_counts_its_own_units(duration, expected):
    assert duration.after(FRIDAY) == expected


def test_a_month_after_the_31st_ends_on_the_last_day_of_a_shorter_month():
    """DSR-03: one calendar month; a day the month lacks becomes its last day."""
    start = dt.datetime(2026, 1, 31, tzinfo=dt.UTC)

    assert Duration(1, "months").after(start) == dt.datetime(2026, 2, 28, tzinfo=dt.UTC)


def test_a_year_after_a_leap_day_ends_on_the_28th_of_february():
    start = dt.datetime(2028, 2, 29, tzinfo=dt.UTC)

    assert Duration(1, "years").after(start) == dt.datetime(2029, 2, 28, tzinfo=dt.UTC)


def test_months_added_across_the_end_of_the_year_move_to_the_next_year():
    start = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)

    assert add_months(start, 3) == dt.datetime(2027, 2, 15, tzinfo=dt.UTC)


def test_ten_business_days_skip_two_weekends():
    """CA-02: confirm receipt within 10 business days."""
    assert add_business_days(FRIDAY, 10) == dt.datetime(
        2026, 2, 13, 9, 30, tzinfo=dt.UTC
    )


def test_no_business_days_leave_the_moment_unchanged():
    assert add_business_days(FRIDAY, 0) == FRIDAY
