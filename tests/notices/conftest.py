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
def smtp_inbox(smtp_inbox, settings):
    """The real SMTP server of tests/conftest.py, with this package's senders."""
    settings.CANDID_BASE_URL = "https://studio.test"
    settings.CANDID_MAIL_FROM_SERVICE = "service@studio.test"
    return smtp_inbox


def signed_in_browser(email: str) -> Client:
    """Return a browser signed in through the sign-in page."""
    browser = Client()
    response = browser.post("/account/sign-in/", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser
