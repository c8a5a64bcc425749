"""The audit events of bookings: one recorder per event, ids and keys only.

Bookings record with the shared `data.*` types of `candid.audit.events`; each event
names the client's subject, who acted, the categories and the booking, never a
value (no notes, no place, no amount), so an erased client leaves nothing personal
in the log (SEC-07). `details["event"]` says which booking event it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from candid.audit.entries import Actor
from candid.audit.events import DATA_CHANGED, DATA_CREATED, DATA_READ, EventType
from candid.audit.services import audit_record
from candid.bookings.models import Booking

PURPOSE = "order_fulfilment"
FIELD_CATEGORIES = {
    name: category
    for name, category in Booking.PersonalData.fields.items()
    if category is not None
}


def _record(
    action: EventType,
    *,
    booking: Booking,
    event: str,
    actor: Actor,
    fields: Iterable[str],
    details: dict[str, Any] | None = None,
) -> None:
    names = sorted(set(fields))
    audit_record(
        action=action,
        actor=actor,
        subject_id=booking.subject_id,
        purpose=PURPOSE,
        categories=sorted(
            {FIELD_CATEGORIES[n] for n in names if n in FIELD_CATEGORIES}
        ),
        objects=[booking],
        details={"event": event, "fields": names, **(details or {})},
    )


def booking_created(*, booking: Booking) -> None:
    """Record that a client booked a session (and which fields they filled)."""
    fields = ["session_type", "starts_at", "place", "price"]
    if booking.notes:
        fields.append("notes")
    _record(
        DATA_CREATED,
        booking=booking,
        event="booking_created",
        actor=Actor.client(booking.client_id),
        fields=fields,
    )


def booking_cancelled(*, booking: Booking, percent: int) -> None:
    """Record that the client cancelled, and the refund share the rule gave."""
    _record(
        DATA_CHANGED,
        booking=booking,
        event="booking_cancelled",
        actor=Actor.client(booking.client_id),
        fields=["status", "cancelled_at", "amount_refunded"],
        details={"refund_percent": percent},
    )


def booking_refund_requested(*, booking: Booking) -> None:
    """Record that a refund is owed and handed to the payment integration (COM-03)."""
    _record(
        DATA_CHANGED,
        booking=booking,
        event="booking_refund_requested",
        actor=Actor.system("bookings"),
        fields=["amount_refunded"],
    )


def booking_payment_recorded(*, booking: Booking, actor: Actor) -> None:
    """Record that a payment for the booking was recorded."""
    _record(
        DATA_CHANGED,
        booking=booking,
        event="booking_payment_recorded",
        actor=actor,
        fields=["price_paid"],
    )


def booking_viewed(*, booking: Booking, staff_id: Any, fields: Iterable[str]) -> None:
    """Record that a staff member was shown a booking's personal data."""
    _record(
        DATA_READ,
        booking=booking,
        event="booking_viewed",
        actor=Actor.staff(staff_id),
        fields=fields,
    )
