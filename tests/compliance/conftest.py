import datetime as dt
import uuid
from collections.abc import Callable, Iterator

import pytest

from candid.audit.entries import Actor
from candid.audit.events import DATA_DISCLOSED, DATA_USED
from candid.audit.models import AuditEvent
from candid.audit.services import audit_record
from candid.consent.purposes import gate_reset
from candid.consent.services import consent_grant, consent_withdraw
from candid.datamap.models import Subject

NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
SUBJECT = uuid.UUID("7d2c3a04-96f1-4b6f-9d0e-1f0c0e5b2a11")


@pytest.fixture(autouse=True)
def fresh_purpose_gate(settings, tmp_path) -> Iterator[None]:
    settings.CANDID_CONSENT_GENERATION_FILE = tmp_path / "consent-generations"
    gate_reset()
    yield
    gate_reset()


@pytest.fixture
def subject(db) -> Subject:
    return Subject.objects.create(id=SUBJECT)


@pytest.fixture
def grant(subject) -> Callable[..., None]:
    """Record a subject's opt-in to marketing e-mail at `at`."""

    def give(at: dt.datetime, subject_id: uuid.UUID = SUBJECT) -> None:
        consent_grant(
            subject_id=subject_id,
            purpose="marketing_email",
            surface="privacy_centre",
            mechanism="checkbox",
            text="Send me news about sessions, presets and promotions.",
            now=at,
        )

    return give


@pytest.fixture
def withdraw(subject) -> Callable[..., None]:
    """Record a subject's withdrawal of marketing e-mail at `at`."""

    def take_back(at: dt.datetime, subject_id: uuid.UUID = SUBJECT) -> None:
        consent_withdraw(
            subject_id=subject_id,
            purpose="marketing_email",
            surface="privacy_centre",
            now=at,
        )

    return take_back


@pytest.fixture
def marketing_sent(db) -> Callable[..., AuditEvent]:
    """Record a marketing e-mail sent at `at`, as the mail app does."""

    def send(at: dt.datetime, subject_id: uuid.UUID = SUBJECT) -> AuditEvent:
        return audit_record(
            action=DATA_USED,
            actor=Actor.system("mail"),
            subject_id=subject_id,
            purpose="marketing_email",
            categories=["user.contact.email"],
            details={"message": "spring_offer"},
            now=at,
        )

    return send


@pytest.fixture
def handed_off(db) -> Callable[[str], AuditEvent]:
    """Record a hand-off of a subject's data to the recipient named `vendor`."""

    def hand_off(vendor: str) -> AuditEvent:
        return audit_record(
            action=DATA_DISCLOSED,
            actor=Actor.system("galleries.prints"),
            subject_id=SUBJECT,
            purpose="order_fulfilment",
            categories=["user.name"],
            details={"event": "print_handed_off", "vendor": vendor},
            now=NOON,
        )

    return hand_off
