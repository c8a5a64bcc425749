"""A real SMTP server on 127.0.0.1 and message templates for the mail tests."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from candid.settings.base import TEMPLATES

TEST_TEMPLATES = {
    "test/booking.txt": "Your session on {{ date }} is booked. To cancel, reply.\n",
    "test/booking.html": "<html><body><p>Your session on {{ date }} is booked.</p></body></html>",
    "test/booking_offer.txt": "Booked for {{ date }}. Get 20% off presets with this offer!\n",
    "test/newsletter.txt": "{% autoescape off %}Hello {{ name }}, new sessions this spring.{% endautoescape %}\n",
    "test/newsletter.html": "<html><body><p>Hello {{ name }}, new sessions this spring.</p></body></html>",
}


class Inbox:
    """What the SMTP server accepted: envelopes, and the messages parsed."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(e.content, policy=email.policy.default)
            for e in self.envelopes
        ]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings) -> Iterator[Inbox]:
    """Run an SMTP server for one test and send Django's e-mail to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield inbox
    finally:
        controller.stop()


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
