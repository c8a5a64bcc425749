"""The privacy centre: consents changed as easily as given, sessions, ways to use rights."""

from __future__ import annotations

import re

from django.test import Client

import pytest

from candid.accounts.models import PendingOptIn
from candid.consent.exceptions import PurposeDenied
from candid.consent.models import ConsentEvent
from candid.consent.purposes import require_purpose
from candid.consent.services import consent_grant

pytestmark = pytest.mark.django_db

PAGE = "/account/privacy/"


def grant_marketing(account):
    consent_grant(
        subject_id=account.subject_id,
        purpose="marketing_email",
        surface="privacy_centre",
        mechanism="toggle",
        text="Marketing e-mails",
    )


def toggle(browser, purpose: str, granted: str):
    return browser.post(
        "/account/privacy/consents/", {"purpose": purpose, "granted": granted}
    )


def test_the_privacy_centre_needs_a_sign_in():
    # when
    response = Client().get(PAGE)

    # then
    assert response.url == "/account/sign-in/?next=/account/privacy/"


def test_every_consent_starts_off_and_no_control_is_pre_ticked(signed_in):
    """LAW-03: silence is not consent; no consent control renders checked."""
    # when
    response = signed_in.get(PAGE)

    # then
    page = response.content.decode()
    assert [
        (c.purpose.key, c.granted, c.pending) for c in response.context["choices"]
    ] == [("marketing_email", False, False)]
    assert re.search(r"<input[^>]*\bchecked\b", page) is None
    assert '<span class="state">Off</span>' in page


def test_turning_marketing_off_stops_it_at_the_very_next_check(signed_in, account):
    """LAW-04: withdrawal from the page where consent is managed, effective at once."""
    # given
    grant_marketing(account)
    require_purpose(account.subject_id, "marketing_email")

    # when
    response = toggle(signed_in, "marketing_email", "off")

    # then
    assert response.status_code == 302
    with pytest.raises(PurposeDenied):
        require_purpose(account.subject_id, "marketing_email")
    latest = ConsentEvent.objects.order_by("-id").first()
    assert (latest.action, latest.surface, latest.mechanism) == (
        "withdrawn",
        "privacy_centre",
        "toggle",
    )


def test_turning_marketing_on_under_double_opt_in_waits_for_the_e_mail(
    signed_in, account
):
    # when
    toggle(signed_in, "marketing_email", "on")

    # then
    assert PendingOptIn.objects.get().surface == "privacy_centre"
    assert ConsentEvent.objects.count() == 0
    page = signed_in.get(PAGE).content.decode()
    assert "Waiting for your confirmation" in page


def test_turning_off_a_pending_opt_in_cancels_it(signed_in):
    # given
    toggle(signed_in, "marketing_email", "on")

    # when
    toggle(signed_in, "marketing_email", "off")

    # then
    assert PendingOptIn.objects.count() == 0
    assert ConsentEvent.objects.get().action == "withdrawn"


def test_a_choice_for_a_purpose_not_offered_here_changes_nothing(signed_in):
    # when
    toggle(signed_in, "order_fulfilment", "off")
    toggle(signed_in, "analytics", "on")

    # then
    assert ConsentEvent.objects.count() == 0
    assert PendingOptIn.objects.count() == 0


def test_cookie_choices_are_linked_to_the_cookie_settings(signed_in):
    # when
    page = signed_in.get(PAGE).content.decode()

    # then
    assert (
        "Cookie choices (website analytics, advertising and affiliate tracking, "
        "remembering your preferences)" in page
    )
    assert 'href="/privacy/cookies/"' in page


def test_the_privacy_centre_links_the_sessions_page(signed_in):
    # when
    page = signed_in.get(PAGE).content.decode()

    # then
    assert 'href="/account/sessions/"' in page


def test_rights_are_reached_through_the_declared_channels_never_a_placeholder(
    signed_in,
):
    # when
    response = signed_in.get(PAGE)

    # then
    page = response.content.decode()
    assert [(c.label, c.href) for c in response.context["channels"]] == [
        ("E-mail support@cinetrum.com", "mailto:support@cinetrum.com"),
        ("Use the request form", "/privacy/requests/"),
    ]
    assert 'href="mailto:support@cinetrum.com"' in page
    assert 'href="/privacy/#your-rights"' in page
    assert "coming soon" not in page.lower()


def test_seed_002_lists_its_own_rights_e_mail(studio_3d, signed_in):
    # when
    response = signed_in.get(PAGE)

    # then
    assert [c.href for c in response.context["channels"]] == [
        "/privacy/requests/",
        "mailto:privacy@3dstudioproduction.example",
    ]
