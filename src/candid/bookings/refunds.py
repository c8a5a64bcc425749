"""The refund a client's cancellation earns, under the declaration's booking rule.

Pure: no database, no clock of its own. The rule is data (COM-02): the declaration's
`commerce.bookings` says how long before the session a cancellation is refunded in
full (`full_refund_before`, Cinetrum: 48 hours) and what share a later one gets back
(`late_cancellation_refund_percent`, Cinetrum: 100, as its seed's "last-minute
cancellations are refundable as well" says; C-14).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from candid.policy.durations import add_months
from candid.policy.schema import Bookings

CENT = Decimal("0.01")


@dataclass(frozen=True)
class RefundQuote:
    """What a cancellation at `cancelled_at` gives back, and why."""

    amount: Decimal
    percent: int
    in_full_refund_window: bool
    full_refund_until: dt.datetime


_FIXED_UNITS = {
    "minutes": dt.timedelta(minutes=1),
    "hours": dt.timedelta(hours=1),
    "days": dt.timedelta(days=1),
    "weeks": dt.timedelta(weeks=1),
}


def full_refund_deadline(*, rule: Bookings, starts_at: dt.datetime) -> dt.datetime:
    """Return the last moment a cancellation is refunded in full (inclusive).

    "At least 48 hours in advance" includes exactly 48 hours. Months and years count
    back on the calendar (31 March less a month is 28 February), business days skip
    weekends.
    """
    window = rule.full_refund_before
    if window.unit in _FIXED_UNITS:
        return starts_at - window.amount * _FIXED_UNITS[window.unit]
    if window.unit == "business_days":
        return _business_days_before(starts_at, window.amount)
    months = window.amount * (12 if window.unit == "years" else 1)
    return add_months(starts_at, -months)


def _business_days_before(moment: dt.datetime, days: int) -> dt.datetime:
    remaining = days
    while remaining > 0:
        moment -= dt.timedelta(days=1)
        if moment.weekday() < 5:
            remaining -= 1
    return moment


def refund_quote(
    *,
    rule: Bookings,
    price_paid: Decimal,
    starts_at: dt.datetime,
    cancelled_at: dt.datetime,
) -> RefundQuote:
    """Return the refund a cancellation at `cancelled_at` earns under `rule`.

    In full up to the deadline (inclusive); after it, the declared late percentage
    of what was paid, rounded to the cent, half up (in the client's favour).
    """
    deadline = full_refund_deadline(rule=rule, starts_at=starts_at)
    in_window = cancelled_at <= deadline
    percent = 100 if in_window else rule.late_cancellation_refund_percent
    amount = (price_paid * percent / Decimal(100)).quantize(CENT, ROUND_HALF_UP)
    return RefundQuote(
        amount=amount,
        percent=percent,
        in_full_refund_window=in_window,
        full_refund_until=deadline,
    )
