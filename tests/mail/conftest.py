"""Message templates and settings for the mail tests (the SMTP server: tests/smtp.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from email.message import EmailMessage

import pytest

from candid.consent.purposes import gate_reset
from candid.consent.services import consent_grant
from candid.datamap.models import Subject
from candid.mail.services import MarketingOutcome, mail_send_marketing
from candid.settings.base import TEMPLATES

TEST_TEMPLATES = {
    "test/booking.txt": "Your session on {{ date }} is booked. To cancel, reply.\n",
    "test/booking.html": "<html><body><p>Your session on {{ date }} is booked.</p></body></html>",
    "test/booking_offer.txt": "Booked for {{ date }}. Get 20% off presets with this offer!\n",
    "test/newsletter.txt": "{% autoescape off %}Hello {{ name }}, new sessions this spring.{% endautoescape %}\n",
    "test/newsletter.html": "<html><body><p>Hello {{ name }}, new sessions this spring.</p></body></html>",
    "test/newsletter_fragment.html": "<p>New sessions this spring.</p>",
}


def header(message: EmailMessage, name: str) -> str | None:
    """Return a header's value without the folding whitespace a long value gets.

    A List-Unsubscribe URI is longer than a line, so it starts on a folded line, as in
    the example of RFC 8058 section 8.1; the whitespace is not part of the value.
    """
    value = message[name]
    return None if value is None else str(value).strip()


@pytest.fixture(autouse=True)
def mail_settings(settings) -> None:
    """Use fixed addresses, an HTTPS site and in-memory message templates."""
    settings.CANDID_BASE_URL = "https://studio.test"
    settings.CANDID_MAIL_FROM_SERVICE = "service@studio.test"
    settings.CANDID_MAIL_FROM_MARKETING = "news@studio.test"
    settings.CANDID_MAIL_KEY = "mail-test-key-not-a-secret"
    engine = {**TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            ("django.template.loaders.locmem.Loader", TEST_TEMPLATES),
            "django.template.loaders.app_directories.Loader",
        ],
    }
    settings.TEMPLATES = [engine]


@pytest.fixture
def subject_id(db) -> uuid.UUID:
    return Subject.objects.create().id


@pytest.fixture
def send_newsletter() -> Callable[..., MarketingOutcome]:
    """Send Cinetrum's newsletter to one subject, as a campaign would."""

    def send(subject_id: uuid.UUID, to: str = "ana@example.com") -> MarketingOutcome:
        return mail_send_marketing(
            message_key="newsletter",
            subject_id=subject_id,
            to=to,
            subject="Spring sessions",
            text_template="test/newsletter.txt",
            html_template="test/newsletter.html",
            context={"name": "Ana"},
        )

    return send


@pytest.fixture
def make_subject(db) -> Callable[[], uuid.UUID]:
    return lambda: Subject.objects.create().id


@pytest.fixture
def give_consent() -> Callable[[uuid.UUID], None]:
    """Record a subject's opt-in to marketing e-mail in the consent ledger."""

    def give(subject_id: uuid.UUID) -> None:
        consent_grant(
            subject_id=subject_id,
            purpose="marketing_email",
            surface="privacy_centre",
            mechanism="checkbox",
            text="Send me news about sessions, presets and promotions.",
        )

    return give


@pytest.fixture(autouse=True)
def fresh_purpose_gate(settings, tmp_path) -> Iterator[None]:
    """Give each test its own gate counters, and forget cached decisions after it."""
    settings.CANDID_CONSENT_GENERATION_FILE = tmp_path / "consent-generations"
    gate_reset()
    yield
    gate_reset()
