"""Clients, staff with and without roles, session types and bookings for the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.test import Client

import pytest

from candid.accounts.models import User
from candid.audit.entries import Actor
from candid.audit.models import AuditEvent
from candid.bookings.models import Booking, SessionType
from candid.bookings.services import booking_create, booking_payment_record
from candid.consent.purposes import gate_reset

POLICIES = Path(__file__).resolve().parents[2] / "policies"
PASSWORD = "correct horse battery staple"
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
SESSION_AT = dt.datetime(2026, 12, 5, 14, 0, tzinfo=dt.UTC)
STUDIO = "Studio, 1 Mill Lane, Bath"
PARK = "Outdoors, Royal Victoria Park"


@pytest.fixture(autouse=True)
def _fresh_gate():
    gate_reset()
    yield
    gate_reset()


@pytest.fixture
def edited_declaration(settings, tmp_path):
    """Return a function that runs under Cinetrum's declaration with a late percent."""

    def use(late_percent: int) -> None:
        source = (POLICIES / "cinetrum-studio.yaml").read_text(encoding="utf-8")
        edited = source.replace(
            "late_cancellation_refund_percent: 100",
            f"late_cancellation_refund_percent: {late_percent}",
        )
        assert edited != source
        path = tmp_path / f"late-{late_percent}.yaml"
        path.write_text(edited, encoding="utf-8")
        settings.CANDID_POLICY_FILE = path
        gate_reset()

    return use


@pytest.fixture
def client_account(account_factory) -> User:
    return account_factory()


@pytest.fixture
def other_client(account_factory) -> User:
    return account_factory("bruno@example.com", full_name="Bruno Costa")


@pytest.fixture
def portrait(db) -> SessionType:
    return SessionType.objects.create(
        name="Portrait",
        duration=dt.timedelta(minutes=90),
        price=Decimal("150.00"),
        currency="GBP",
        places=f"{STUDIO}\n{PARK}\n",
    )


@pytest.fixture
def booking_factory(portrait):
    def make(
        client: User,
        *,
        paid: str = "150.00",
        notes: str = "",
        starts_at: dt.datetime = SESSION_AT,
        now: dt.datetime = NOW,
    ) -> Booking:
        booking = booking_create(
            client=client,
            session_type_id=portrait.pk,
            starts_at=starts_at,
            place=STUDIO,
            notes=notes,
            now=now,
        )
        if Decimal(paid):
            booking_payment_record(
                booking_id=booking.pk, amount=Decimal(paid), actor=Actor.system("till")
            )
        return Booking.objects.get(pk=booking.pk)

    return make


@pytest.fixture
def booking(booking_factory, client_account) -> Booking:
    return booking_factory(client_account, notes="Two children; bring a step stool.")


def signed_in_browser(email: str) -> Client:
    """Return a browser signed in through the sign-in page."""
    browser = Client()
    response = browser.post("/account/sign-in/", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def audit_events(name: str) -> list[AuditEvent]:
    """Return the audit events whose details name the booking event `name`."""
    return [
        event
        for event in AuditEvent.objects.order_by("sequence")
        if event.details.get("event") == name
    ]
