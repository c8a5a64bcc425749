"""What bookings offer the rights kernel to check a requester against (DSR-05).

Registered in `BookingsConfig.ready()` with candid.rights.identity: the date of one
of the client's sessions. The comparison answers only yes or no.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.bookings.models import Booking
from candid.rights.identity import DataPoint


@sensitive_variables("raw_answer")
def booking_date_matches(subject_id: uuid.UUID, raw_answer: str) -> bool:
    """Say whether the answer (YYYY-MM-DD) is the local date of one of their sessions."""
    try:
        day = dt.date.fromisoformat(raw_answer.strip())
    except ValueError:
        return False
    starts = Booking.objects.filter(subject_id=subject_id).values_list(
        "starts_at", flat=True
    )
    return any(timezone.localdate(moment) == day for moment in starts)


BOOKING_DATE = DataPoint(
    key="booking_date",
    label="The date of a session you booked with us",
    help_text="Any one of them.",
    matches=booking_date_matches,
    input_type="date",
)
