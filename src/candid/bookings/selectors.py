"""Reads of bookings, scoped to what the caller may see."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from candid.accounts.models import User
from candid.bookings.exceptions import BookingNotFound
from candid.bookings.models import Booking, SessionType


def session_types_bookable() -> QuerySet[SessionType]:
    """Return the session types clients may book now."""
    return SessionType.objects.filter(is_active=True)


def bookings_of(*, client: User) -> QuerySet[Booking]:
    """Return the client's own bookings, soonest first; nobody else's."""
    return Booking.objects.filter(client=client).select_related("session_type")


def booking_of(*, client: User, booking_id: uuid.UUID | str) -> Booking:
    """Return one of the client's own bookings; another's is BookingNotFound too."""
    try:
        return bookings_of(client=client).get(pk=booking_id)
    except (Booking.DoesNotExist, ValueError, ValidationError):
        raise BookingNotFound from None
