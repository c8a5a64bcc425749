"""The back office of bookings: role-gated, every view of personal data audited.

Session types are the studio's catalogue, edited by any staff role holding the
session type permissions. Bookings are read-only here: clients book and cancel
them. A booking's page passes the gate that records the view; the list records one
view per booking it shows, since it shows when and where each session is.
"""

from __future__ import annotations

from django.contrib import admin

from candid.bookings import events
from candid.bookings.access import access_booking_by_id
from candid.bookings.models import Booking, SessionType

LIST_FIELDS = ("session_type", "starts_at", "status")
PERSONAL_FIELDS = (
    "session_type",
    "starts_at",
    "place",
    "notes",
    "status",
    "price",
    "price_paid",
    "amount_refunded",
    "created_at",
    "cancelled_at",
)


@admin.register(SessionType)
class SessionTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "duration", "price", "currency", "is_active")
    list_filter = ("is_active",)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("id", *LIST_FIELDS)
    list_filter = ("status",)
    ordering = ("starts_at",)
    fields = ("id", "client", "currency", *PERSONAL_FIELDS)
    readonly_fields = fields

    def get_object(self, request, object_id, from_field=None):
        """Return the booking through the gate, which records this view."""
        return access_booking_by_id(
            staff=request.user, booking_id=object_id, fields=PERSONAL_FIELDS
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            for booking in changelist.result_list:
                events.booking_viewed(
                    booking=booking, staff_id=request.user.pk, fields=LIST_FIELDS
                )
        return response

    def has_add_permission(self, request):
        # Clients book through the site; staff do not book in their name.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Bookings go through cancellation or an erasure request, never a delete.
        return False
