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
