"""The client's booking pages: notice before submit, own bookings only (NOT-05)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest

from candid.bookings.forms import SENSITIVE_HINT
from candid.bookings.models import Booking, BookingStatus
from candid.bookings.services import booking_create
from tests.bookings.conftest import STUDIO, signed_in_browser


@pytest.fixture
def browser(client_account) -> Client:
    signed_in = signed_in_browser(client_account.email)
    mail.outbox.clear()  # the sign-in notice
    return signed_in


@pytest.fixture
def booking(booking_factory, client_account) -> Booking:
    """A paid booking 12 days ahead of the real clock, which the pages judge by."""
    now = timezone.now()
    return booking_factory(
        client_account,
        notes="Two children; bring a step stool.",
        starts_at=now + dt.timedelta(days=12),
        now=now,
    )


def _booking_form(page: str) -> str:
    start = page.index('<form method="post" action="/bookings/book/"')
    return page[start : page.index("</form>", start)]


def _future(days: int = 10) -> str:
    moment = timezone.localtime() + dt.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_the_booking_form_links_the_purpose_notice_before_its_submit_button_NOT_05(
    browser, portrait
):
    # when
    page = browser.get("/bookings/book/").content.decode()
    # then
    notice = page.index('id="booking-notice"')
    assert page.index('href="/privacy/#how-we-use-it"') > notice
    assert page.index('<button type="submit">Book</button>') > notice
    assert (
        "Fulfilling orders and bookings" not in page
    )  # shown lower-cased in a sentence
    assert "fulfilling orders and bookings" in page
    assert "at least 48 hours before the session for a full refund" in page
    assert "also refunded in full" in page


def test_the_booking_form_asks_for_no_sensitive_details_and_no_consent_LAW_09(
    browser, portrait
):
    # when
    page = browser.get("/bookings/book/").content.decode()
    # then
    form = _booking_form(page)
    assert SENSITIVE_HINT in form
    assert 'type="checkbox"' not in form


def test_a_client_books_through_the_form_with_no_consent_box_LAW_05(
    browser, client_account, portrait
):
    # when
    response = browser.post(
        "/bookings/book/",
        {
            "session_type": str(portrait.pk),
            "starts_at": _future(),
            "place": STUDIO,
            "notes": "",
        },
    )
    # then
    assert (response.status_code, response["Location"]) == (302, "/bookings/")
    booking = Booking.objects.get()
    assert (booking.client_id, booking.notes) == (client_account.pk, None)
    assert [m.subject for m in mail.outbox] == ["Your session is booked"]


def test_a_booking_in_the_past_is_refused_and_changes_nothing(browser, portrait):
    # when
    response = browser.post(
        "/bookings/book/",
        {
            "session_type": str(portrait.pk),
            "starts_at": _future(days=-1),
            "place": STUDIO,
        },
    )
    # then
    assert response.status_code == 200
    assert (
        "Choose a date and time in the future. Nothing was booked."
        in response.content.decode()
    )
    assert Booking.objects.count() == 0
    assert mail.outbox == []


def test_my_bookings_lists_only_the_clients_own(
    browser, booking_factory, client_account, other_client
):
    # given
    mine = booking_factory(client_account)
    theirs = booking_factory(other_client)
    # when
    page = browser.get("/bookings/").content.decode()
    # then
    assert f"/bookings/{mine.pk}/cancel/" in page
    assert f"/bookings/{theirs.pk}/cancel/" not in page


def test_the_cancel_page_shows_the_refund_before_confirming(browser, booking):
    # when
    page = browser.get(f"/bookings/{booking.pk}/cancel/").content.decode()
    # then
    assert "refunded <strong>150.00 GBP</strong>" in page
    assert "(100% of the 150.00 GBP paid)" in page
    assert Booking.objects.get().status == BookingStatus.CONFIRMED


def test_confirming_the_cancel_page_cancels_and_records_the_refund(browser, booking):
    # when
    response = browser.post(f"/bookings/{booking.pk}/cancel/")
    # then
    assert (response.status_code, response["Location"]) == (302, "/bookings/")
    stored = Booking.objects.get()
    assert (stored.status, stored.amount_refunded) == (
        BookingStatus.CANCELLED,
        Decimal("150.00"),
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_attack_a_client_cannot_see_or_cancel_another_clients_booking(
    method, booking, other_client
):
    # given
    intruder = signed_in_browser(other_client.email)
    mail.outbox.clear()
    # when
    response = getattr(intruder, method)(f"/bookings/{booking.pk}/cancel/")
    # then
    assert response.status_code == 404
    assert b"step stool" not in response.content
    assert Booking.objects.get().status == BookingStatus.CONFIRMED
    assert mail.outbox == []


def test_an_anonymous_visitor_is_sent_to_sign_in(booking):
    # when
    response = Client().get("/bookings/")
    # then
    assert (response.status_code, response["Location"]) == (
        302,
        "/account/sign-in/?next=/bookings/",
    )


def test_cancelling_a_session_that_has_begun_is_refused_and_changes_nothing(
    browser, client_account, portrait
):
    # given a session that began an hour ago
    started = timezone.now() - dt.timedelta(hours=1)
    booking = booking_create(
        client=client_account,
        session_type_id=portrait.pk,
        starts_at=started,
        place=STUDIO,
        now=started - dt.timedelta(days=1),
    )
    mail.outbox.clear()
    # when
    response = browser.post(f"/bookings/{booking.pk}/cancel/", follow=True)
    # then
    assert (
        "This session has already started, so it can no longer be cancelled online. "
        "Please contact the studio. Nothing changed." in response.content.decode()
    )
    assert Booking.objects.get().status == BookingStatus.CONFIRMED
    assert mail.outbox == []
