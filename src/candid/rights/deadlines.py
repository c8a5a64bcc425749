"""When a rights request must be answered: pure date arithmetic, no Django.

The rules come from the declaration's jurisdiction profile (`ResponseRules`):
GDPR one calendar month, extendable by two with a notice (DSR-03); the UK rolls a
due date on a weekend or an England and Wales bank holiday to the next working day
and starts the clock at the identity information (UK GDPR Art. 12A, DSR-04); CCPA
45 days, extendable once by 45, receipt confirmed within 10 business days (CA-02).
Every function takes the dates it needs: the caller's clock decides "today".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

from candid.policy.durations import Duration
from candid.policy.schema.controller import ResponseRules

# Opt-outs of sale or sharing and limits on sensitive data: 15 business days, no
# extension (CCPA regs 7026, 7027; REQUIREMENTS §2 items 9-10).
OPT_OUT_PERIOD = Duration(15, "business_days")


@dataclass(frozen=True)
class Deadlines:
    """The dates one request is held to; `extended_due_on` only if it is extended."""

    due_on: dt.date
    extended_due_on: dt.date | None
    confirm_receipt_by: dt.date | None


@lru_cache(maxsize=16)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    """Return the England and Wales bank holidays of `year` (UK profile)."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date, *, bank_holidays: bool) -> bool:
    """Say whether `day` is a weekday and, if asked, not a bank holiday."""
    if day.weekday() >= 5:
        return False
    return not (bank_holidays and day in _bank_holidays(day.year))


def next_working_day(day: dt.date, *, bank_holidays: bool) -> dt.date:
    """Return `day`, or the first working day after it (ICO calculation rule)."""
    while not is_working_day(day, bank_holidays=bank_holidays):
        day += dt.timedelta(days=1)
    return day


def clock_start(
    *,
    rules: ResponseRules,
    received_on: dt.date,
    identity_received_on: dt.date | None = None,
    fee_received_on: dt.date | None = None,
) -> dt.date:
    """Return the day the response clock starts.

    Under UK GDPR Art. 12A (`clock_starts_at_identity`) it is the latest of the
    request, the identity information asked for and a fee; elsewhere the receipt.
    """
    if not rules.clock_starts_at_identity:
        return received_on
    later = [d for d in (identity_received_on, fee_received_on) if d is not None]
    return max([received_on, *later])


def response_deadlines(
    *,
    rules: ResponseRules,
    start: dt.date,
    received_on: dt.date | None = None,
    paused_days: int = 0,
    uses_bank_holidays: bool = False,
    period: Duration | None = None,
    extendable: bool = True,
) -> Deadlines:
    """Return the due date, the extended due date and the receipt-confirmation date.

    Months are calendar months ending on the same day, or the month's last day if
    it has none (DSR-03). Days spent waiting for the requester to narrow the request
    do not count (`paused_days`, DSR-04). The extension runs from the start: start +
    3 months, not the original due date + 2. With `weekend_rollover` a date on a
    weekend (or, in the UK, a bank holiday) moves to the next working day.
    """
    period = period or rules.period
    pause = dt.timedelta(days=paused_days)
    due = _rolled(rules, period.after(start) + pause, uses_bank_holidays)
    extended = None
    if extendable:
        total = _extended_period(period, rules.extension)
        extended = _rolled(
            rules, _after(total, period, start) + pause, uses_bank_holidays
        )
    confirm = None
    if rules.receipt_confirmation is not None:
        confirm = rules.receipt_confirmation.after(received_on or start)
    return Deadlines(due_on=due, extended_due_on=extended, confirm_receipt_by=confirm)


def _extended_period(
    period: Duration, extension: Duration
) -> Duration | tuple[Duration, Duration]:
    if period.unit == extension.unit:
        return Duration(period.amount + extension.amount, period.unit)
    return (period, extension)


def _after(
    total: Duration | tuple[Duration, Duration], period: Duration, start: dt.date
) -> dt.date:
    if isinstance(total, Duration):
        return total.after(start)
    return total[1].after(period.after(start))


def _rolled(rules: ResponseRules, day: dt.date, uses_bank_holidays: bool) -> dt.date:
    if not rules.weekend_rollover:
        return day
    return next_working_day(day, bank_holidays=uses_bank_holidays)


def extension_allowed(
    *, due_on: dt.date, notice_sent_on: dt.date | None, reason: str
) -> bool:
    """Say whether a deadline may be extended: a notice with reasons, in time.

    Art. 12(3) and CCPA §1798.130(a)(2): the requester must be told of the
    extension and why within the original period, so on or before its last day.
    """
    if notice_sent_on is None or not reason.strip():
        return False
    return notice_sent_on <= due_on
