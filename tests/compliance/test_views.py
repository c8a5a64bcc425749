"""Who may read the compliance self-audit page (SEC-05), and what it shows."""

from django.test import Client

import pytest

from candid.compliance import views
from candid.compliance.results import CheckResult
from tests.conftest import PASSWORD

PAGE = "/studio/compliance/"
FAIL = CheckResult(
    name="No card numbers stored (SEC-02)",
    passed=False,
    details=("consent.Objection #3 field 'override_grounds'",),
)


def signed_in_browser(email: str) -> Client:
    browser = Client()
    response = browser.post("/account/sign-in/", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


@pytest.mark.parametrize("caller", ["anonymous", "client", "staff"])
def test_compliance_report_is_refused_to_anyone_without_the_role(
    account_factory, staff_factory, caller
):
    # given
    emails = {"client": account_factory().email, "staff": staff_factory().email}
    browser = Client() if caller == "anonymous" else signed_in_browser(emails[caller])
    # when
    response = browser.get(PAGE)
    # then
    assert response.status_code == 404


def test_staff_with_the_role_sees_each_failed_check_with_its_records(
    staff_factory, monkeypatch
):
    # given
    monkeypatch.setattr(views, "compliance_audit", lambda: [FAIL])
    auditor = staff_factory("view_compliance_report", email="carla@studio.example")
    browser = signed_in_browser(auditor.email)
    # when
    response = browser.get(PAGE)
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "0 passed, 1 failed." in page
    assert "consent.Objection #3 field &#x27;override_grounds&#x27;" in page


def test_staff_with_the_role_sees_the_live_checks(staff_factory):
    # given
    auditor = staff_factory("view_compliance_report", email="carla@studio.example")
    browser = signed_in_browser(auditor.email)
    # when
    response = browser.get(PAGE)
    # then
    assert response.status_code == 200
    assert "Every processor in use declared" in response.content.decode()
