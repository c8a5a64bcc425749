"""Client pages of bookings: each view checks its form and calls one service."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from candid.bookings import selectors, services
from candid.bookings.exceptions import BookingError, BookingNotFound
from candid.bookings.forms import BookingForm
from candid.consent.exceptions import PurposeDenied
from candid.notices.selectors import declaration_active

GET_POST = ["GET", "POST"]


def _notice_context() -> dict:
    """Return what the form's notice at collection shows (NOT-05)."""
    declaration = declaration_active()
    commerce = declaration.commerce
    return {
        "purpose": declaration.purpose(services.PURPOSE),
        "rule": commerce.bookings if commerce else None,
    }


@login_required
@never_cache
@sensitive_post_parameters("notes")
@require_http_methods(GET_POST)
def book(request: HttpRequest) -> HttpResponse:
    """Book a session; the notice and refund rule are shown before submit."""
    form = BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.booking_create(
                client=request.user,
                session_type_id=data["session_type"].pk,
                starts_at=data["starts_at"],
                place=data["place"],
                notes=data["notes"],
            )
        except (BookingError, PurposeDenied) as error:
            form.add_error(None, _refusal(error))
        else:
            messages.success(request, "Your session is booked; we sent a confirmation.")
            return redirect("bookings:mine")
    return render(request, "bookings/book.html", {"form": form, **_notice_context()})


def _refusal(error: Exception, *, nothing: str = "Nothing was booked.") -> str:
    if isinstance(error, PurposeDenied):
        return f"We cannot take bookings for this account at the moment. {nothing}"
    return f"{error} {nothing}"


@login_required
@never_cache
@require_http_methods(["GET"])
def my_bookings(request: HttpRequest) -> HttpResponse:
    """List the client's own bookings."""
    return render(
        request,
        "bookings/my_bookings.html",
        {"bookings": selectors.bookings_of(client=request.user)},
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def cancel(request: HttpRequest, booking_id: uuid.UUID) -> HttpResponse:
    """Show the refund the rule gives, then cancel on confirmation (COM-02)."""
    try:
        booking = selectors.booking_of(client=request.user, booking_id=booking_id)
    except BookingNotFound:
        raise Http404("No such booking of yours.") from None
    if request.method == "POST":
        try:
            services.booking_cancel(client=request.user, booking_id=booking.pk)
        except (BookingError, PurposeDenied) as error:
            messages.error(request, _refusal(error, nothing="Nothing changed."))
        else:
            messages.success(request, "Your booking was cancelled.")
        return redirect("bookings:mine")
    quote = None
    if not booking.is_cancelled:
        quote = services.booking_cancellation_quote(booking=booking)
    return render(request, "bookings/cancel.html", {"booking": booking, "quote": quote})
