"""Every write of bookings: booking a session, cancelling it, recording payment.

Booking needs no consent of any kind (LAW-05): it runs on the contract basis,
checked by the purpose gate for `order_fulfilment` before the client's data is
used. Cancellation refunds what the declaration's rule gives (COM-02) and hands the
refund to the payment integration through `booking_refund_requested` (COM-03).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts.models import User
from candid.audit.entries import Actor
from candid.bookings import events
from candid.bookings.exceptions import (
    BookingInvalid,
    BookingNotCancellable,
    BookingNotFound,
    BookingsNotOffered,
)
from candid.bookings.mail import booking_mail_send
from candid.bookings.models import Booking, BookingStatus, SessionType
from candid.bookings.refunds import RefundQuote, refund_quote
from candid.bookings.signals import booking_refund_requested
from candid.consent.purposes import require_purpose
from candid.notices.selectors import declaration_active
from candid.policy.schema import Bookings

PURPOSE = "order_fulfilment"
NOTES_MAX_LENGTH = 2000


def booking_rule() -> Bookings:
    """Return the cancellation rule in force; without one nothing is booked (COM-02)."""
    commerce = declaration_active().commerce
    if commerce is None or commerce.bookings is None:
        raise BookingsNotOffered
    return commerce.bookings


@sensitive_variables("notes")
def booking_create(
    *,
    client: User,
    session_type_id: uuid.UUID,
    starts_at: dt.datetime,
    place: str,
    notes: str = "",
    now: dt.datetime | None = None,
) -> Booking:
    """Book a session for the client and send the confirmation e-mail.

    Refused, with nothing stored or sent, when no cancellation rule is declared, the
    type is unknown or retired, the place is not one of the type's, or the time has
    passed. No consent is asked or needed (LAW-05).
    """
    now = now or timezone.now()
    booking_rule()
    session_type = _bookable_type(session_type_id)
    _check_request(session_type=session_type, starts_at=starts_at, place=place, now=now)
    require_purpose(client.subject_id, PURPOSE)
    with transaction.atomic():
        booking = Booking(
            client=client,
            subject_id=client.subject_id,
            session_type=session_type,
            starts_at=starts_at,
            place=place,
            notes=notes.strip()[:NOTES_MAX_LENGTH] or None,
            price=session_type.price,
            currency=session_type.currency,
            created_at=now,
        )
        booking.save()
        events.booking_created(booking=booking)
    booking_mail_send(booking=booking, kind="booked")
    return booking


def _bookable_type(session_type_id: uuid.UUID) -> SessionType:
    session_type = SessionType.objects.filter(
        pk=session_type_id, is_active=True
    ).first()
    if session_type is None:
        raise BookingInvalid("This kind of session cannot be booked.")
    return session_type


def _check_request(
    *, session_type: SessionType, starts_at: dt.datetime, place: str, now: dt.datetime
) -> None:
    if timezone.is_naive(starts_at):
        raise BookingInvalid("The session time must include its time zone.")
    if starts_at <= now:
        raise BookingInvalid("Choose a date and time in the future.")
    if place not in session_type.place_options:
        raise BookingInvalid("Choose one of the places offered for this session.")


def booking_cancellation_quote(
    *, booking: Booking, now: dt.datetime | None = None
) -> RefundQuote:
    """Return the refund the rule in force gives if the booking is cancelled `now`."""
    return refund_quote(
        rule=booking_rule(),
        price_paid=booking.price_paid,
        starts_at=booking.starts_at,
        cancelled_at=now or timezone.now(),
    )


def booking_cancel(
    *, client: User, booking_id: uuid.UUID, now: dt.datetime | None = None
) -> Booking:
    """Cancel the client's own booking and record the refund the rule gives.

    Idempotent: a booking already cancelled is returned as it is, with no second
    refund or e-mail. Another client's booking is BookingNotFound, like a missing
    one. A session that has begun is BookingNotCancellable; nothing changes.
    """
    now = now or timezone.now()
    rule = booking_rule()
    with transaction.atomic():
        booking = _own_booking_locked(client=client, booking_id=booking_id)
        if booking.is_cancelled:
            return booking
        if booking.starts_at <= now:
            raise BookingNotCancellable
        require_purpose(booking.subject_id, PURPOSE)
        quote = refund_quote(
            rule=rule,
            price_paid=booking.price_paid,
            starts_at=booking.starts_at,
            cancelled_at=now,
        )
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.amount_refunded = quote.amount
        booking.save(update_fields=["status", "cancelled_at", "amount_refunded"])
        events.booking_cancelled(booking=booking, percent=quote.percent)
        if quote.amount > 0:
            transaction.on_commit(lambda: _refund_request(booking))
    booking_mail_send(booking=booking, kind="cancelled")
    return booking


def _own_booking_locked(*, client: User, booking_id: uuid.UUID) -> Booking:
    booking = (
        Booking.objects.select_for_update().filter(pk=booking_id, client=client).first()
    )
    if booking is None:
        raise BookingNotFound
    return booking


def _refund_request(booking: Booking) -> None:
    """Hand the recorded refund to the payment integration (COM-03)."""
    events.booking_refund_requested(booking=booking)
    booking_refund_requested.send(
        sender=Booking, booking_id=booking.pk, amount=booking.amount_refunded
    )


def booking_payment_record(
    *, booking_id: uuid.UUID, amount: Decimal, actor: Actor
) -> Booking:
    """Record a payment taken for a booking (by the studio's till or the shop).

    The amount must be positive and, with what was paid before, not exceed the
    booking's price; otherwise BookingInvalid and nothing changes.
    """
    with transaction.atomic():
        booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
        if booking is None:
            raise BookingNotFound
        if amount <= 0 or booking.price_paid + amount > booking.price:
            raise BookingInvalid("The payment must be positive and within the price.")
        booking.price_paid += amount
        booking.save(update_fields=["price_paid"])
        events.booking_payment_recorded(booking=booking, actor=actor)
    return booking
