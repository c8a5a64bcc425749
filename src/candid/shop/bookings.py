"""Paying for a booking through the hosted checkout, and refunding it on cancellation.

`booking_checkout_start` opens a Checkout Session for what a booking still owes;
the confirmed payment is recorded on the booking through `booking_payment_record`.
`booking_refund_receiver` listens to `booking_refund_requested`: the refund the
cancellation rule gave is refunded through the provider's refund API, from the
booking's card payments (COM-03). What was paid at the studio's till stays for
staff to refund by hand, as the booking records. A refused refund is marked on the
payment and audited, for staff to follow up; the cancellation stands.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from candid.accounts.models import User
from candid.audit.entries import Actor
from candid.bookings.models import Booking
from candid.consent.purposes import require_purpose
from candid.shop import conf
from candid.shop.declared import PURPOSE
from candid.shop.exceptions import (
    CheckoutInvalid,
    PaymentProviderError,
    PaymentsNotConfigured,
)
from candid.shop.models import Payment, PaymentStatus
from candid.shop.refunds import payment_refund, refund_failure_record
from candid.shop.services import hosted_checkout_open

logger = logging.getLogger("candid.shop")
REFUNDABLE = (PaymentStatus.PAID, PaymentStatus.REFUNDED)


def booking_checkout_start(
    *,
    client: User,
    booking_id: uuid.UUID,
    site_url: str,
    now: dt.datetime | None = None,
) -> tuple[Payment, str]:
    """Open the hosted checkout for what the client's booking still owes."""
    now = now or timezone.now()
    if not conf.payments_configured():
        raise PaymentsNotConfigured
    booking = Booking.objects.filter(pk=booking_id, client=client).first()
    if booking is None:
        raise CheckoutInvalid("No such booking of yours.")
    due = booking.price - booking.price_paid
    if booking.is_cancelled or due <= 0:
        raise CheckoutInvalid("This booking has nothing left to pay.")
    require_purpose(booking.subject_id, PURPOSE)
    with transaction.atomic():
        payment = Payment.objects.create(
            subject_id=booking.subject_id,
            booking=booking,
            amount=due,
            currency=booking.currency,
            created_at=now,
        )
        url = hosted_checkout_open(
            payment=payment,
            client=client,
            item_name=f"{booking.session_type.name} session",
            success_url=site_url + reverse("shop:booking-return", args=[booking.pk]),
            cancel_url=site_url + reverse("bookings:mine"),
        )
    return payment, url


def booking_refund_receiver(
    sender, *, booking_id: uuid.UUID, amount: Decimal, **kwargs
):
    """Refund a cancelled booking through the provider (the signal's receiver)."""
    booking_refund_issue(booking_id=booking_id)


def booking_refund_issue(
    *, booking_id: uuid.UUID, now: dt.datetime | None = None
) -> Decimal:
    """Refund through the provider what the booking's cancellation gave back; idempotent.

    Refunds, from the booking's card payments in order, the part of the booking's
    `amount_refunded` that card payments cover and no refund has covered yet; run
    again, it refunds nothing more. Returns the amount refunded now.
    """
    now = now or timezone.now()
    booking = Booking.objects.get(pk=booking_id)
    payments = Payment.objects.filter(booking=booking, status__in=REFUNDABLE)
    totals = payments.aggregate(paid=Sum("amount"), refunded=Sum("amount_refunded"))
    card_paid = totals["paid"] or Decimal("0.00")
    already = totals["refunded"] or Decimal("0.00")
    owed = min(booking.amount_refunded, card_paid) - already
    refunded = Decimal("0.00")
    for payment in payments.order_by("paid_at"):
        if owed - refunded <= 0:
            break
        part = min(payment.amount - payment.amount_refunded, owed - refunded)
        if part <= 0:
            continue
        try:
            with transaction.atomic():
                payment_refund(
                    payment_id=payment.pk,
                    amount=part,
                    actor=Actor.system("bookings"),
                    reason="booking_cancelled",
                    now=now,
                )
        except (PaymentProviderError, PaymentsNotConfigured):
            logger.warning("shop.booking_refund_failed payment=%s", payment.pk)
            refund_failure_record(
                payment_id=payment.pk, reason="booking_cancelled", now=now
            )
            break
        refunded += part
    return refunded
