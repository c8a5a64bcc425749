"""Booking and cancelling, through the services (COM-02, COM-03, LAW-05, LAW-09)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core import mail

import pytest

from candid.audit.entries import Actor
from candid.bookings.exceptions import (
    BookingInvalid,
    BookingNotCancellable,
    BookingNotFound,
    BookingsNotOffered,
)
from candid.bookings.models import Booking, BookingStatus
from candid.bookings.services import (
    booking_cancel,
    booking_create,
    booking_payment_record,
)
from candid.bookings.signals import booking_refund_requested
from candid.consent.models import ConsentEvent, Surface
from candid.consent.services import consent_withdraw
from candid.notices.selectors import declaration_active
from tests.bookings.conftest import (
    NOW,
    PARK,
    POLICIES,
    SESSION_AT,
    STUDIO,
    audit_events,
)

FULL_MARK = SESSION_AT - dt.timedelta(hours=48)
SECOND = dt.timedelta(seconds=1)


@pytest.fixture
def refunds_requested():
    heard = []

    def receiver(sender, **kwargs):
        heard.append(kwargs)

    booking_refund_requested.connect(receiver)
    yield heard
    booking_refund_requested.disconnect(receiver)


@pytest.fixture
def cancel(django_capture_on_commit_callbacks):
    """Cancel as a request would, running what waits for the commit."""

    def run(**arguments):
        with django_capture_on_commit_callbacks(execute=True):
            return booking_cancel(**arguments)

    return run


def test_a_client_who_refused_every_optional_consent_can_book_LAW_05(
    client_account, portrait
):
    # given a client who refused every consent the declaration asks for
    optional = [
        p.key for p in declaration_active().purposes if p.legal_basis == "consent"
    ]
    for purpose in optional:
        consent_withdraw(
            subject_id=client_account.subject_id,
            purpose=purpose,
            surface=Surface.PRIVACY_CENTRE,
        )
    assert ConsentEvent.objects.filter(action="granted").count() == 0
    assert len(optional) == 4
    # when
    booking = booking_create(
        client=client_account,
        session_type_id=portrait.pk,
        starts_at=SESSION_AT,
        place=PARK,
        now=NOW,
    )
    # then
    stored = Booking.objects.get()
    assert (stored.pk, stored.status, stored.price, stored.place) == (
        booking.pk,
        BookingStatus.CONFIRMED,
        Decimal("150.00"),
        PARK,
    )


def test_booking_notes_are_stored_encrypted_and_read_back(client_account, portrait):
    # when
    booking = booking_create(
        client=client_account,
        session_type_id=portrait.pk,
        starts_at=SESSION_AT,
        place=STUDIO,
        notes="  Bring a step stool.  ",
        now=NOW,
    )
    # then
    raw = Booking.objects.filter(pk=booking.pk).values_list("notes", flat=True).get()
    assert "step stool" not in raw
    assert Booking.objects.get().notes == "Bring a step stool."


def test_booking_sends_the_declared_confirmation_email(client_account, portrait):
    # when
    booking_create(
        client=client_account,
        session_type_id=portrait.pk,
        starts_at=SESSION_AT,
        place=STUDIO,
        now=NOW,
    )
    # then
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject) == (
        ["ana@example.com"],
        "Your session is booked",
    )
    assert "Saturday 5 December 2026 at 14:00 UTC, at Studio, 1 Mill Lane, Bath" in (
        message.body
    )
    assert "/bookings/" in message.body


def test_booking_is_recorded_in_the_audit_log_without_the_notes(
    client_account, portrait
):
    # when
    booking = booking_create(
        client=client_account,
        session_type_id=portrait.pk,
        starts_at=SESSION_AT,
        place=STUDIO,
        notes="Bring a step stool.",
        now=NOW,
    )
    # then
    (event,) = audit_events("booking_created")
    assert (event.action, event.subject_id, event.purpose) == (
        "data.created",
        client_account.subject_id,
        "order_fulfilment",
    )
    assert event.categories == [
        "user.behavior.purchase_history",
        "user.content.private",
    ]
    assert "step stool" not in str(event.details)
    assert str(booking.pk) in str(event.object_references)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"place": "My house"}, "Choose one of the places offered for this session."),
        ({"starts_at": NOW}, "Choose a date and time in the future."),
        (
            {"starts_at": SESSION_AT.replace(tzinfo=None)},
            "The session time must include its time zone.",
        ),
    ],
)
def test_a_bad_booking_request_changes_nothing_and_sends_nothing(
    client_account, portrait, change, message
):
    # given
    request = {
        "client": client_account,
        "session_type_id": portrait.pk,
        "starts_at": SESSION_AT,
        "place": STUDIO,
        "now": NOW,
        **change,
    }
    # when
    with pytest.raises(BookingInvalid) as refusal:
        booking_create(**request)
    # then
    assert str(refusal.value) == message
    assert Booking.objects.count() == 0
    assert mail.outbox == []


def test_a_retired_session_type_cannot_be_booked(client_account, portrait):
    # given
    portrait.is_active = False
    portrait.save()
    # when
    with pytest.raises(BookingInvalid) as refusal:
        booking_create(
            client=client_account,
            session_type_id=portrait.pk,
            starts_at=SESSION_AT,
            place=STUDIO,
            now=NOW,
        )
    # then
    assert str(refusal.value) == "This kind of session cannot be booked."
    assert Booking.objects.count() == 0


def test_cancelling_exactly_48_hours_ahead_refunds_in_full(
    cancel, booking, refunds_requested
):
    # when
    cancelled = cancel(client=booking.client, booking_id=booking.pk, now=FULL_MARK)
    # then
    stored = Booking.objects.get()
    assert (stored.status, stored.amount_refunded, stored.cancelled_at) == (
        BookingStatus.CANCELLED,
        Decimal("150.00"),
        FULL_MARK,
    )
    assert cancelled.amount_refunded == Decimal("150.00")
    assert refunds_requested == [
        {
            "signal": booking_refund_requested,
            "booking_id": booking.pk,
            "amount": Decimal("150.00"),
        }
    ]


def test_cinetrum_refunds_a_cancellation_just_after_the_48_hour_mark_in_full_too(
    cancel,
    booking,
):
    # when: Cinetrum declares late cancellations refundable at 100 % (C-14)
    cancel(client=booking.client, booking_id=booking.pk, now=FULL_MARK + SECOND)
    # then
    assert Booking.objects.get().amount_refunded == Decimal("150.00")


@pytest.mark.parametrize(
    ("late_percent", "refund"), [(50, Decimal("75.00")), (0, Decimal("0.00"))]
)
def test_an_edited_declaration_refunds_late_cancellations_at_its_percentage(
    cancel, edited_declaration, booking_factory, client_account, late_percent, refund
):
    # given a studio that declares a different late percentage
    edited_declaration(late_percent)
    booking = booking_factory(client_account)
    # when
    cancel(client=client_account, booking_id=booking.pk, now=FULL_MARK + SECOND)
    # then
    assert Booking.objects.get().amount_refunded == refund


@pytest.mark.parametrize("late_percent", [50, 0])
def test_an_edited_declaration_still_refunds_in_full_a_second_before_the_mark(
    cancel, edited_declaration, booking_factory, client_account, late_percent
):
    # given
    edited_declaration(late_percent)
    booking = booking_factory(client_account)
    # when
    cancel(client=client_account, booking_id=booking.pk, now=FULL_MARK - SECOND)
    # then
    assert Booking.objects.get().amount_refunded == Decimal("150.00")


def test_a_refund_of_nothing_requests_no_refund(
    cancel, edited_declaration, booking_factory, client_account, refunds_requested
):
    # given
    edited_declaration(0)
    booking = booking_factory(client_account)
    # when
    cancel(client=client_account, booking_id=booking.pk, now=FULL_MARK + SECOND)
    # then
    assert refunds_requested == []
    assert audit_events("booking_refund_requested") == []


def test_cancellation_sends_a_notice_with_the_refund(cancel, booking):
    # given
    mail.outbox.clear()
    # when
    cancel(client=booking.client, booking_id=booking.pk, now=FULL_MARK)
    # then
    assert [m.subject for m in mail.outbox] == ["Your booking was cancelled"]
    assert "Refund: 150.00 GBP." in mail.outbox[0].body


def test_cancelling_twice_refunds_and_mails_once(cancel, booking, refunds_requested):
    # given
    cancel(client=booking.client, booking_id=booking.pk, now=FULL_MARK)
    mail.outbox.clear()
    # when
    again = cancel(client=booking.client, booking_id=booking.pk, now=FULL_MARK + SECOND)
    # then
    assert (again.cancelled_at, again.amount_refunded) == (FULL_MARK, Decimal("150.00"))
    assert len(refunds_requested) == 1
    assert mail.outbox == []
    assert len(audit_events("booking_cancelled")) == 1


def test_a_session_that_has_begun_cannot_be_cancelled(cancel, booking):
    # when
    with pytest.raises(BookingNotCancellable):
        cancel(client=booking.client, booking_id=booking.pk, now=SESSION_AT)
    # then
    stored = Booking.objects.get()
    assert (stored.status, stored.amount_refunded, stored.cancelled_at) == (
        BookingStatus.CONFIRMED,
        Decimal("0.00"),
        None,
    )


def test_attack_a_client_cannot_cancel_another_clients_booking(
    cancel, booking, other_client, refunds_requested
):
    # given
    mail.outbox.clear()
    # when
    with pytest.raises(BookingNotFound):
        cancel(client=other_client, booking_id=booking.pk, now=FULL_MARK)
    # then
    assert Booking.objects.get().status == BookingStatus.CONFIRMED
    assert refunds_requested == []
    assert mail.outbox == []


def test_without_a_declared_cancellation_rule_nothing_is_booked_COM_02(
    settings, client_account, portrait
):
    # given seed 002's declaration, which states no booking rule
    settings.CANDID_POLICY_FILE = POLICIES / "3d-studio-production.yaml"
    # when
    with pytest.raises(BookingsNotOffered) as refusal:
        booking_create(
            client=client_account,
            session_type_id=portrait.pk,
            starts_at=SESSION_AT,
            place=STUDIO,
            now=NOW,
        )
    # then
    assert str(refusal.value) == (
        "Sessions cannot be booked online at the moment: the studio has not "
        "published its cancellation rule."
    )
    assert Booking.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("amount", ["0.00", "-1.00", "150.01"])
def test_a_payment_outside_the_price_is_refused_and_changes_nothing(
    booking_factory, client_account, amount
):
    # given an unpaid booking
    booking = booking_factory(client_account, paid="0")
    # when
    with pytest.raises(BookingInvalid):
        booking_payment_record(
            booking_id=booking.pk, amount=Decimal(amount), actor=Actor.system("till")
        )
    # then
    assert Booking.objects.get().price_paid == Decimal("0.00")
    assert audit_events("booking_payment_recorded") == []
