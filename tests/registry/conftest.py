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
    settings.CANDID_MAIL_FROM_SERVICE = "service@studio.test"
    try:
        yield inbox
    finally:
        controller.stop()
