"""The gate every staff read of a booking passes (SEC-05, SEC-07).

A staff member sees a booking's personal data only with a role that grants
`bookings.view_booking` (the "Photographer" and "Reception" groups), and every such
view is written to the audit log. A missing booking and a forbidden one give the
same error, so the gate reveals nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from candid.accounts.models import User
from candid.audit.access import staff_holds
from candid.bookings import events
from candid.bookings.exceptions import AccessDenied
from candid.bookings.models import Booking

VIEW_PERMISSION = "bookings.view_booking"


def staff_may_view_bookings(staff: User) -> bool:
    """Say whether `staff` holds a role that may see clients' bookings."""
    return staff_holds(staff, VIEW_PERMISSION)


def access_booking_by_id(
    *, staff: User, booking_id: uuid.UUID | str, fields: Iterable[str]
) -> Booking:
    """Return the booking for a staff member allowed to see it, recording the view.

    `fields` names the personal fields about to be shown; the audit event lists them
    (never their values). Raise AccessDenied for a forbidden or unknown booking.
    """
    if not staff_may_view_bookings(staff):
        raise AccessDenied
    try:
        booking = Booking.objects.select_related("session_type").get(pk=booking_id)
    except (Booking.DoesNotExist, ValueError, ValidationError):
        raise AccessDenied from None
    events.booking_viewed(booking=booking, staff_id=staff.pk, fields=fields)
    return booking
