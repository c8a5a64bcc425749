"""Bookings paid through the hosted checkout, refunded through Stripe on cancellation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from candid.audit.entries import Actor
from candid.bookings.models import Booking, SessionType
from candid.bookings.services import (
    booking_cancel,
    booking_create,
    booking_payment_record,
)
from candid.shop.bookings import booking_checkout_start, booking_refund_issue
from candid.shop.exceptions import CheckoutInvalid
from candid.shop.models import Payment, PaymentStatus
from candid.shop.services import payment_confirm
from tests.shop.conftest import SITE, audit_events

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
SESSION_AT = dt.datetime(2026, 12, 5, 14, 0, tzinfo=dt.UTC)
STUDIO = "Studio, 1 Mill Lane, Bath"


@pytest.fixture
def booking(client_account) -> Booking:
    portrait = SessionType.objects.create(
        name="Portrait",
        duration=dt.timedelta(minutes=90),
        price=Decimal("150.00"),
        currency="GBP",
        places=f"{STUDIO}\n",
    )
    return booking_create(
        client=client_account,
        session_type_id=portrait.pk,
        starts_at=SESSION_AT,
        place=STUDIO,
        now=NOW,
    )


@pytest.fixture
def card_paid_booking(booking, client_account, standin) -> Booking:
    payment, _ = booking_checkout_start(
        client=client_account, booking_id=booking.pk, site_url=SITE, now=NOW
    )
    standin.complete(payment.checkout_session_id)
    payment_confirm(checkout_session_id=payment.checkout_session_id, source="webhook")
    return Booking.objects.get(pk=booking.pk)


def test_a_booking_is_paid_on_the_hosted_checkout(card_paid_booking, standin):
    assert card_paid_booking.price_paid == Decimal("150.00")
    payment = Payment.objects.get()
    assert (payment.booking_id, payment.status) == (card_paid_booking.pk, "paid")
    params = standin.requests[0][2]
    assert params["line_items"][0]["price_data"]["unit_amount"] == "15000"


def test_a_paid_booking_has_nothing_left_to_pay(card_paid_booking, client_account):
    with pytest.raises(CheckoutInvalid):
        booking_checkout_start(
            client=client_account, booking_id=card_paid_booking.pk, site_url=SITE
        )


def test_another_client_cannot_pay_a_booking(booking, other_client, standin):
    with pytest.raises(CheckoutInvalid):
        booking_checkout_start(
            client=other_client, booking_id=booking.pk, site_url=SITE
        )
    assert standin.requests == []


def test_cancelling_a_card_paid_booking_refunds_it_through_stripe(
    card_paid_booking, client_account, standin, django_capture_on_commit_callbacks
):
    """COM-03: the cancellation's refund goes through the provider's refund API."""
    # when: cancelled more than 48 hours before, refunded in full
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(client=client_account, booking_id=card_paid_booking.pk, now=NOW)
    # then
    payment = Payment.objects.get()
    assert standin.refunded_amount(payment.payment_intent_id) == 15000
    assert (payment.status, payment.amount_refunded) == (
        PaymentStatus.REFUNDED,
        Decimal("150.00"),
    )
    (refund,) = audit_events("shop.refund_issued")
    assert refund.details["reason"] == "booking_cancelled"


def test_the_booking_refund_is_idempotent(
    card_paid_booking, client_account, standin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(client=client_account, booking_id=card_paid_booking.pk, now=NOW)
    assert booking_refund_issue(booking_id=card_paid_booking.pk) == Decimal("0.00")
    assert len(standin.refunds) == 1


def test_a_till_paid_booking_is_left_for_staff_to_refund_by_hand(
    booking, client_account, standin, django_capture_on_commit_callbacks
):
    booking_payment_record(
        booking_id=booking.pk, amount=Decimal("150.00"), actor=Actor.system("till")
    )
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = booking_cancel(
            client=client_account, booking_id=booking.pk, now=NOW
        )
    assert cancelled.amount_refunded == Decimal("150.00")
    assert standin.requests == []


def test_a_refused_booking_refund_is_marked_for_staff_and_the_cancellation_stands(
    card_paid_booking, client_account, standin, django_capture_on_commit_callbacks
):
    standin.fail_next = 10
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(client=client_account, booking_id=card_paid_booking.pk, now=NOW)
    assert Booking.objects.get().is_cancelled
    payment = Payment.objects.get()
    assert payment.refund_failed_at is not None
    assert payment.amount_refunded == Decimal("0.00")
    assert len(audit_events("shop.refund_failed")) == 1
    # and a retry, once the provider answers, refunds it
    standin.fail_next = 0
    assert booking_refund_issue(booking_id=card_paid_booking.pk) == Decimal("150.00")
    assert Payment.objects.get().refund_failed_at is None


def test_a_booking_cancelled_while_its_buyer_paid_is_refunded_at_once(
    booking, client_account, standin
):
    # given: Ana opened the checkout, then cancelled the booking in another tab
    payment, _ = booking_checkout_start(
        client=client_account, booking_id=booking.pk, site_url=SITE, now=NOW
    )
    booking_cancel(client=client_account, booking_id=booking.pk, now=NOW)
    standin.complete(payment.checkout_session_id)
    # when the provider confirms the payment
    payment_confirm(checkout_session_id=payment.checkout_session_id, source="webhook")
    # then it goes straight back, and the booking records nothing paid
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.REFUNDED
    assert standin.refunded_amount(payment.payment_intent_id) == 15000
    assert Booking.objects.get().price_paid == Decimal("0.00")
    (refund,) = audit_events("shop.refund_issued")
    assert refund.details["reason"] == "booking_unpayable"


def test_a_booking_refund_with_payments_no_longer_configured_is_marked_for_staff(
    card_paid_booking, client_account, settings, django_capture_on_commit_callbacks
):
    settings.CANDID_STRIPE_SECRET_KEY = ""
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(client=client_account, booking_id=card_paid_booking.pk, now=NOW)
    assert Booking.objects.get().is_cancelled
    assert Payment.objects.get().refund_failed_at is not None


def test_staff_with_the_shop_role_retry_a_refused_booking_refund_from_the_back_office(
    card_paid_booking,
    client_account,
    shop_manager,
    standin,
    django_capture_on_commit_callbacks,
):
    from tests.shop.conftest import signed_in_browser

    standin.fail_next = 10
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(client=client_account, booking_id=card_paid_booking.pk, now=NOW)
    standin.fail_next = 0
    payment = Payment.objects.get()
    browser = signed_in_browser(shop_manager.email)
    assert browser.get(f"/admin/shop/payment/{payment.pk}/change/").status_code == 200
    response = browser.post(
        "/admin/shop/payment/",
        {"action": "retry_booking_refunds", "_selected_action": [str(payment.pk)]},
    )
    assert response.status_code == 302
    assert standin.refunded_amount(payment.payment_intent_id) == 15000
    viewed = [
        e
        for e in audit_events("data.read")
        if e.details.get("event") == "payment_viewed"
    ]
    assert len(viewed) == 1
