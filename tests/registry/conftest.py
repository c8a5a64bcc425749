from django.test import Client

import pytest

from tests.conftest import PASSWORD, POLICIES

DECLARATIONS = sorted(path.name for path in POLICIES.glob("*.yaml"))


def signed_in_browser(email: str) -> Client:
    """Return a browser signed in through the sign-in page."""
    browser = Client()
    response = browser.post("/account/sign-in/", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


@pytest.fixture
def records_keeper(staff_factory):
    """Staff holding the records-of-processing permission through a role."""
    return staff_factory("view_records_of_processing", email="rita@studio.example")


@pytest.fixture
def breach_keeper(staff_factory):
    """Staff holding the breach-register permission through a role."""
    return staff_factory("manage_breaches", email="bea@studio.example")


@pytest.fixture
def smtp_inbox(smtp_inbox, settings):
    """The real SMTP server of tests/conftest.py, with this package's senders."""
    settings.CANDID_MAIL_FROM_SERVICE = "service@studio.test"
    return smtp_inbox
