"""The staff pages of the breach register: who may open them, and what they do (BR-01)."""

from __future__ import annotations

from django.test import Client

import pytest

from candid.registry.models import Breach, BreachNotice

from .conftest import signed_in_browser

FORM = {
    "discovered_at": "2026-11-20T08:00",
    "aware_at": "2026-11-20T09:00",
    "nature": "A laptop with booking exports was stolen.",
    "kinds": ["confidentiality"],
    "data_categories": ["user.contact.email"],
    "likely_consequences": "Phishing.",
    "measures_taken": "Remote wipe.",
}


@pytest.mark.parametrize("page", ["/studio/breaches/", "/studio/breaches/1/"])
@pytest.mark.parametrize("caller", ["anonymous", "client", "staff"])
def test_the_register_is_hidden_from_anyone_without_the_role(
    account_factory, staff_factory, breach_keeper, caller, page
):
    # given
    signed_in_browser(breach_keeper.email).post("/studio/breaches/", FORM)
    emails = {"client": account_factory().email, "staff": staff_factory().email}
    browser = Client() if caller == "anonymous" else signed_in_browser(emails[caller])
    # when
    response = browser.get(page)
    # then
    assert response.status_code == 404


@pytest.mark.parametrize("caller", ["anonymous", "client", "staff"])
def test_nobody_without_the_role_can_record_a_breach(
    account_factory, staff_factory, caller
):
    # given
    emails = {"client": account_factory().email, "staff": staff_factory().email}
    browser = Client() if caller == "anonymous" else signed_in_browser(emails[caller])
    # when
    response = browser.post("/studio/breaches/", FORM)
    # then
    assert response.status_code == 404
    assert not Breach.objects.exists()


def test_staff_with_the_role_record_a_breach_and_see_its_clock(breach_keeper):
    # given
    browser = signed_in_browser(breach_keeper.email)
    # when
    response = browser.post("/studio/breaches/", FORM, follow=True)
    # then
    breach = Breach.objects.get()
    page = response.content.decode()
    assert response.redirect_chain == [(f"/studio/breaches/{breach.pk}/", 302)]
    assert "Notify the authority by</dt><dd>2026-11-23 09:00 UTC" in page
    assert "about <strong>1</strong> people" in page


def test_a_refused_breach_shows_why_and_stores_nothing(breach_keeper):
    # given
    browser = signed_in_browser(breach_keeper.email)
    # when
    response = browser.post(
        "/studio/breaches/", {**FORM, "aware_at": "2026-11-20T07:00"}
    )
    # then
    assert response.status_code == 200
    assert "Awareness cannot come before the breach was discovered." in (
        response.content.decode()
    )
    assert not Breach.objects.exists()


def test_staff_assess_draft_and_read_the_authority_notice(breach_keeper):
    # given
    browser = signed_in_browser(breach_keeper.email)
    browser.post("/studio/breaches/", FORM)
    breach = Breach.objects.get()
    # when
    browser.post(
        f"/studio/breaches/{breach.pk}/assess/",
        {"risk": "risk", "reason": "Addresses only."},
    )
    browser.post(f"/studio/breaches/{breach.pk}/draft/", {"audience": "authority"})
    notice = BreachNotice.objects.get()
    html = browser.get(f"/studio/breaches/{breach.pk}/notices/{notice.pk}/")
    text = browser.get(f"/studio/breaches/{breach.pk}/notices/{notice.pk}/?format=txt")
    # then
    assert Breach.objects.get().risk == "risk"
    assert "<h2>(a) Nature of the breach</h2>" in html.content.decode()
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert "(d) Measures taken or proposed" in text.content.decode()


def test_a_refused_action_shows_the_reason_and_changes_nothing(breach_keeper):
    # given
    browser = signed_in_browser(breach_keeper.email)
    browser.post("/studio/breaches/", FORM)
    breach = Breach.objects.get()
    # when
    response = browser.post(
        f"/studio/breaches/{breach.pk}/notified/",
        {"notified_at": "2026-11-23T10:00"},
    )
    # then
    assert response.status_code == 400
    assert "give the reasons for the delay" in response.content.decode()
    assert Breach.objects.get().authority_notified_at is None


def test_an_unknown_action_is_not_found(breach_keeper):
    # given
    browser = signed_in_browser(breach_keeper.email)
    browser.post("/studio/breaches/", FORM)
    breach = Breach.objects.get()
    # when
    response = browser.post(f"/studio/breaches/{breach.pk}/explode/")
    # then
    assert response.status_code == 404
