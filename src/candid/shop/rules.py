"""When a download may start and when a sale is final: the declaration's rules, pure.

COM-01: an EU/UK buyer has 14 days to withdraw from a purchase of digital content.
The right ends early only if they asked for immediate supply and acknowledged losing
it (two unticked boxes). So, with `withdrawal_waiver_required`, a download of an
order still inside those 14 days starts only after both ticks; without them it
waits for the 14 days to pass. A studio that requires no waiver lets the download
start at once and the buyer keeps the right for the 14 days (the purchase is not
final before then). Elsewhere, and afterwards, `final_after_download` makes the
first download end the right to a refund (seed S1: "No refunds ... once a file has
been downloaded"); a technical-issue claim upheld by staff is refunded regardless.
"""

from __future__ import annotations

import datetime as dt

from candid.policy.schema import DigitalProducts
from candid.shop.declared import WITHDRAWAL_PERIOD
from candid.shop.models import Order


def withdrawal_period_running(order: Order, now: dt.datetime) -> bool:
    """Say whether the buyer's 14-day right of withdrawal still runs unwaived."""
    if not order.withdrawal_right_applies or order.waiver_given:
        return False
    start = order.paid_at or order.created_at
    return now < start + WITHDRAWAL_PERIOD


def download_held(order: Order, rule: DigitalProducts, now: dt.datetime) -> bool:
    """Say whether downloads wait for the buyer's waiver (COM-01)."""
    return rule.withdrawal_waiver_required and withdrawal_period_running(order, now)


def purchase_final(order: Order, rule: DigitalProducts, now: dt.datetime) -> bool:
    """Say whether a refund is refused because a file was downloaded."""
    if order.first_downloaded_at is None:
        return False
    if not rule.final_after_download:
        return False
    return not withdrawal_period_running(order, now)


def withdrawal_ends_at(order: Order) -> dt.datetime:
    """Return when the 14-day right of withdrawal ends for this order."""
    return (order.paid_at or order.created_at) + WITHDRAWAL_PERIOD
