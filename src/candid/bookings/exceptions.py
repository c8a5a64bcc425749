"""The errors of bookings: each carries the message the person is shown."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class BookingError(Exception):
    """A booking action was refused; nothing changed. `str()` is safe to show."""


class BookingsNotOffered(BookingError):
    """The declaration in force states no cancellation rule, so nothing is booked."""

    def __init__(self) -> None:
        super().__init__(
            "Sessions cannot be booked online at the moment: the studio has not "
            "published its cancellation rule."
        )


class BookingInvalid(BookingError):
    """The booking asked for cannot be made (unknown type or place, time passed)."""


class BookingNotCancellable(BookingError):
    """The booking's session has already begun, so it can no longer be cancelled."""

    def __init__(self) -> None:
        super().__init__(
            "This session has already started, so it can no longer be cancelled "
            "online. Please contact the studio."
        )


class BookingNotFound(BookingError):
    """No booking of yours has this id (another client's looks the same)."""

    def __init__(self) -> None:
        super().__init__("No such booking of yours.")


class AccessDenied(PermissionDenied):
    """A staff member may not see this booking, or it does not exist (same error)."""

    def __init__(self) -> None:
        super().__init__("You do not have access to this booking.")
