"""A client renews a consent that a new policy version widened, in a real browser (NOT-03)."""

from __future__ import annotations

import datetime as dt

import pytest

from candid.consent.exceptions import PurposeDenied
from candid.consent.models import NoticeAcknowledgement
from candid.consent.purposes import gate_reset, require_purpose
from candid.consent.services import consent_grant
from candid.notices.services import policy_publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ana@example.com"
PASSWORD = "correct horse battery staple"
MARKETING_DATA = "    data_categories: [user.name, user.contact.email]\n    data_subjects: [customer, prospect]"


@pytest.fixture
def ana_outdated(account_factory, cinetrum_source, settings, tmp_path):
    """Ana opted in under 2026.11; version 2026.11.15, in force, widened that purpose."""
    settings.CANDID_CONSENT_GENERATION_FILE = tmp_path / "consent-generations"
    gate_reset()
    policy_publish(source=cinetrum_source, now=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    ana = account_factory(EMAIL)
    consent_grant(
        subject_id=ana.subject_id,
        purpose="marketing_email",
        surface="privacy_centre",
        mechanism="checkbox",
        text="Marketing e-mails",
    )
    widened = (
        cinetrum_source.replace('version: "2026.11"', 'version: "2026.11.15"')
        .replace("effective_date: 2026-11-01", "effective_date: 2026-11-15")
        .replace(
            MARKETING_DATA,
            MARKETING_DATA.replace("email]", "email, user.behavior.purchase_history]"),
        )
    )
    policy_publish(source=widened, now=dt.datetime(2026, 10, 6, tzinfo=dt.UTC))
    gate_reset()
    yield ana
    gate_reset()


def test_a_client_renews_a_widened_consent_from_the_privacy_centre(
    visitor, ana_outdated
):
    # given
    with pytest.raises(PurposeDenied):
        require_purpose(ana_outdated.subject_id, "marketing_email")
    page = visitor.visit("/account/sign-in/")
    banner = page.locator("#cookie-banner")
    if banner.count() and banner.is_visible():
        banner.get_by_role("button", name="Reject all").click()
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/")
    # when
    page = visitor.visit("/account/privacy/")
    page.get_by_role("heading", name="Consents to give again").wait_for()
    page.get_by_role("link", name="Read the change and choose").click()
    page.get_by_role("heading", name="What changes in version 2026.11.15").wait_for()
    page.get_by_role("button", name="I have read the new policy").click()
    page.get_by_text("we recorded that you read this version").wait_for()
    page.get_by_label("I consent to Marketing e-mails").check()
    page.get_by_role("button", name="Give consent").click()
    page.get_by_text("your consent to Marketing e-mails is renewed").wait_for()
    # then
    gate_reset()
    assert require_purpose(ana_outdated.subject_id, "marketing_email") is None
    assert NoticeAcknowledgement.objects.filter(surface="policy_change").count() == 1
    privacy = visitor.visit("/account/privacy/")
    assert privacy.get_by_role("heading", name="Consents to give again").count() == 0
