"""A real SMTP server, a fresh purpose gate and signed-in browsers for the notices tests."""

from __future__ import annotations

from collections.abc import Iterator

from django.test import Client

import pytest

from candid.consent.purposes import gate_reset
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def fresh_purpose_gate(settings, tmp_path) -> Iterator[None]:
    """Give each test its own gate counters, and forget cached decisions after it."""
    settings.CANDID_CONSENT_GENERATION_FILE = tmp_path / "consent-generations"
    gate_reset()
    yield
    gate_reset()


@pytest.fixture
def smtp_inbox(settings):
    """Run a real SMTP server for one test and send Django's e-mail to it."""
    from aiosmtpd.controller import Controller

    from tests.mail.conftest import Inbox, free_port

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.CANDID_BASE_URL = "https://studio.test"
    settings.CANDID_MAIL_FROM_SERVICE = "service@studio.test"
    try:
        yield inbox
    finally:
        controller.stop()


def signed_in_browser(email: str) -> Client:
    """Return a browser signed in through the sign-in page."""
    browser = Client()
    response = browser.post("/account/sign-in/", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser
