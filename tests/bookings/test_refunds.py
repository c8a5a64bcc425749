"""The cancellation rule as a pure function, at its edges (COM-02, C-14)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from candid.bookings.refunds import full_refund_deadline, refund_quote
from candid.policy.schema import Bookings

STARTS_AT = dt.datetime(2026, 12, 5, 14, 0, tzinfo=dt.UTC)
PAID = Decimal("150.00")
SECOND = dt.timedelta(seconds=1)
WINDOW = dt.timedelta(hours=48)


def rule(late_percent: int, window: str = "48 hours") -> Bookings:
    return Bookings(
        full_refund_before=window, late_cancellation_refund_percent=late_percent
    )


def quote_at(cancelled_at: dt.datetime, late_percent: int):
    return refund_quote(
        rule=rule(late_percent),
        price_paid=PAID,
        starts_at=STARTS_AT,
        cancelled_at=cancelled_at,
    )


@pytest.mark.parametrize("late_percent", [100, 50, 0])
def test_cancelling_exactly_48_hours_ahead_is_refunded_in_full(late_percent):
    # given a cancellation exactly at the 48-hour mark
    cancelled_at = STARTS_AT - WINDOW
    # when
    quote = quote_at(cancelled_at, late_percent)
    # then
    assert (quote.amount, quote.percent, quote.in_full_refund_window) == (
        Decimal("150.00"),
        100,
        True,
    )


@pytest.mark.parametrize("late_percent", [100, 50, 0])
def test_cancelling_a_second_before_the_48_hour_mark_is_refunded_in_full(late_percent):
    # given 48 hours and one second ahead
    cancelled_at = STARTS_AT - WINDOW - SECOND
    # when
    quote = quote_at(cancelled_at, late_percent)
    # then
    assert (quote.amount, quote.percent) == (Decimal("150.00"), 100)


@pytest.mark.parametrize(
    ("late_percent", "refund"),
    [(100, Decimal("150.00")), (50, Decimal("75.00")), (0, Decimal("0.00"))],
)
def test_cancelling_a_second_after_the_48_hour_mark_refunds_the_late_percentage(
    late_percent, refund
):
    # given 48 hours less one second ahead
    cancelled_at = STARTS_AT - WINDOW + SECOND
    # when
    quote = quote_at(cancelled_at, late_percent)
    # then
    assert (quote.amount, quote.percent, quote.in_full_refund_window) == (
        refund,
        late_percent,
        False,
    )


def test_a_late_percentage_refund_is_rounded_to_the_cent_in_the_clients_favour():
    # given 33 % of 10.05 = 3.3165
    # when
    quote = refund_quote(
        rule=rule(33),
        price_paid=Decimal("10.05"),
        starts_at=STARTS_AT,
        cancelled_at=STARTS_AT - SECOND,
    )
    # then
    assert quote.amount == Decimal("3.32")


def test_the_full_refund_deadline_is_the_window_before_the_session():
    # when
    deadline = full_refund_deadline(rule=rule(100), starts_at=STARTS_AT)
    # then
    assert deadline == dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)


def test_a_window_in_months_counts_back_on_the_calendar():
    # given a session on 31 March and a one-month window
    starts_at = dt.datetime(2027, 3, 31, 10, 0, tzinfo=dt.UTC)
    # when
    deadline = full_refund_deadline(rule=rule(0, "1 month"), starts_at=starts_at)
    # then the last day whose month later is not after the session
    assert deadline == dt.datetime(2027, 2, 28, 10, 0, tzinfo=dt.UTC)
    assert refund_quote(
        rule=rule(0, "1 month"),
        price_paid=PAID,
        starts_at=starts_at,
        cancelled_at=deadline + SECOND,
    ).amount == Decimal("0.00")


def test_a_window_in_business_days_skips_the_weekend():
    # given a session on Monday 7 December 2026 and two business days
    starts_at = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
    # when
    deadline = full_refund_deadline(
        rule=rule(0, "2 business days"), starts_at=starts_at
    )
    # then Thursday at the same time
    assert deadline == dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
