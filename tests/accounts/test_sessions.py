"""The sessions page: every signed-in browser listed, each one revocable at once (SEC-05)."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

import pytest

from candid.accounts.models import ClientSession, StoredSession
from candid.accounts.services.sessions import client_sessions_prune, session_key_hash
from candid.audit.models import AuditEvent
from tests.accounts.conftest import PASSWORD, SAFARI_IPHONE, signed_in_browser

pytestmark = pytest.mark.django_db


def test_the_sessions_page_lists_each_device_and_marks_this_browser(account):
    # given
    laptop, _ = signed_in_browser(account.email)
    signed_in_browser(account.email, remember=True, user_agent=SAFARI_IPHONE)

    # when
    response = laptop.get("/account/sessions/")

    # then
    page = response.content.decode()
    assert [s.device for s in response.context["sessions"]] == [
        "Safari on iOS",
        "Firefox on Linux",
    ]
    assert "Firefox on Linux <strong>(this browser)</strong>" in page
    assert "Safari on iOS <strong>" not in page
    assert "Until the browser closes" in page


def test_a_listed_session_stores_only_a_hash_of_its_key(account):
    # when
    browser, _ = signed_in_browser(account.email)

    # then
    key = browser.cookies["sessionid"].value
    listed = ClientSession.objects.get()
    assert listed.session_key_hash == session_key_hash(key)
    assert key not in listed.session_key_hash


def test_signing_out_a_session_deletes_it_from_the_store_at_once(account):
    # given
    laptop, _ = signed_in_browser(account.email)
    phone, _ = signed_in_browser(account.email, user_agent=SAFARI_IPHONE)
    phone_listing = ClientSession.objects.get(device="Safari on iOS")
    phone_key = phone.cookies["sessionid"].value

    # when
    response = laptop.post(f"/account/sessions/{phone_listing.pk}/sign-out/")

    # then
    assert response.status_code == 302
    assert not StoredSession.objects.filter(session_key=phone_key).exists()
    assert phone.get("/account/").status_code == 302
    assert laptop.get("/account/").status_code == 200
    assert AuditEvent.objects.filter(action="data.deleted").count() == 1


def test_attacker_cannot_sign_out_another_clients_session(account, other_account):
    # given
    attacker, _ = signed_in_browser(other_account.email)
    victim, _ = signed_in_browser(account.email)
    victim_listing = ClientSession.objects.get(user=account)

    # when
    response = attacker.post(f"/account/sessions/{victim_listing.pk}/sign-out/")

    # then
    assert response.status_code == 404
    assert ClientSession.objects.filter(pk=victim_listing.pk).exists()
    assert victim.get("/account/").status_code == 200


def test_sign_out_everywhere_else_keeps_only_this_browser(account):
    # given
    laptop, _ = signed_in_browser(account.email)
    others = [signed_in_browser(account.email)[0] for _ in range(2)]

    # when
    laptop.post("/account/sessions/sign-out-others/")

    # then
    assert ClientSession.objects.count() == 1
    assert StoredSession.objects.filter(user=account).count() == 1
    assert laptop.get("/account/").status_code == 200
    assert [b.get("/account/").status_code for b in others] == [302, 302]


def test_signing_out_this_browser_from_the_list_signs_out_here(account):
    # given
    laptop, _ = signed_in_browser(account.email)
    listing = ClientSession.objects.get()

    # when
    response = laptop.post(f"/account/sessions/{listing.pk}/sign-out/")

    # then
    assert response.url == "/"
    assert ClientSession.objects.count() == 0
    assert laptop.get("/account/").status_code == 302


def test_a_password_change_signs_out_every_other_session_and_keeps_this_one(account):
    # given
    laptop, _ = signed_in_browser(account.email)
    phone, _ = signed_in_browser(account.email, user_agent=SAFARI_IPHONE)
    new_password = "a brand new passphrase 42"

    # when
    response = laptop.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )

    # then
    assert response.status_code == 302
    assert laptop.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302
    assert [s.device for s in ClientSession.objects.all()] == ["Firefox on Linux"]


def test_a_session_signed_in_elsewhere_is_listed_on_its_first_request(account):
    # given
    browser = Client(HTTP_USER_AGENT=SAFARI_IPHONE)
    browser.force_login(account)

    # when
    browser.get("/account/")

    # then
    listed = ClientSession.objects.get()
    assert (listed.device, listed.remembered) == ("Safari on iOS", False)
    assert listed.session_key_hash == session_key_hash(
        browser.cookies["sessionid"].value
    )


def test_a_session_whose_listing_is_gone_is_signed_out(account):
    # given
    browser, _ = signed_in_browser(account.email)
    ClientSession.objects.all().delete()

    # when
    response = browser.get("/account/")

    # then
    assert response.status_code == 302


def test_last_seen_is_written_at_most_every_five_minutes(account):
    # given
    browser, _ = signed_in_browser(account.email)
    listing = ClientSession.objects.get()
    old = timezone.now() - dt.timedelta(minutes=10)
    ClientSession.objects.filter(pk=listing.pk).update(last_seen_at=old)

    # when
    browser.get("/account/")
    first = ClientSession.objects.get().last_seen_at
    browser.get("/account/")

    # then
    assert first > old
    assert ClientSession.objects.get().last_seen_at == first


def test_pruning_deletes_listings_whose_session_ended(account):
    # given
    signed_in_browser(account.email)
    ended, _ = signed_in_browser(account.email, user_agent=SAFARI_IPHONE)
    StoredSession.objects.filter(session_key=ended.cookies["sessionid"].value).delete()

    # when
    count = client_sessions_prune(now=timezone.now() + dt.timedelta(hours=2))

    # then
    assert count == 1
    assert [s.device for s in ClientSession.objects.all()] == ["Firefox on Linux"]


def test_the_sessions_page_needs_a_sign_in():
    # when
    response = Client().get("/account/sessions/")

    # then
    assert (response.status_code, response.url) == (
        302,
        "/account/sign-in/?next=/account/sessions/",
    )
