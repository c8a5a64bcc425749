"""Forgotten passwords: an e-mailed one-time link that tells nobody who has an account.

Attack names (allauth style): the answer is the same for any address, requests
are limited like sign-in, the link works once and for an hour, and a reset ends
every session of the account.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.test import Client

import pytest

from candid.accounts.models import ClientSession, User
from candid.accounts.services.children import account_flag_as_child
from candid.accounts.services.recovery import RESET_LOCKED
from candid.accounts.tokens import PasswordResetTokens, uid_encode
from candid.audit.models import AuditEvent
from candid.mail import conf as mail_conf
from tests.accounts.conftest import PASSWORD, birthday_years_ago, signed_in_browser

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new horse battery staple"


def ask(email: str, browser: Client | None = None):
    return (browser or Client()).post("/account/password/reset/", {"email": email})


def reset_link() -> str:
    (message,) = [m for m in mail.outbox if m.subject == "Reset your password"]
    link = re.search(r"https?://\S+/account/password/reset/\S+/", message.body)
    return link.group(0).removeprefix(mail_conf.base_url())


def choose(link: str, password: str = NEW_PASSWORD, browser: Client | None = None):
    browser = browser or Client()
    page = browser.get(link, follow=True)
    if page.status_code != 200:
        return page
    url = page.redirect_chain[-1][0]
    return browser.post(url, {"new_password1": password, "new_password2": password})


def masked(response) -> str:
    """Return the page with its CSRF token (different on every page) masked."""
    page = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", page)


def events(name: str) -> list[AuditEvent]:
    return [
        e for e in AuditEvent.objects.order_by("sequence") if e.details["event"] == name
    ]


def test_the_sign_in_page_links_to_the_password_reset():
    # when
    page = Client().get("/account/sign-in/").content.decode()

    # then
    assert '<a href="/account/password/reset/">Forgot your password?</a>' in page


def test_attacker_cannot_tell_an_account_from_an_unknown_address(account):
    # when
    known = ask("ana@example.com")
    unknown = ask("nobody@example.com")

    # then
    assert known.status_code == unknown.status_code == 200
    assert masked(known) == masked(unknown)
    assert "If an account uses that address" in known.content.decode()
    (message,) = mail.outbox
    assert message.to == ["ana@example.com"]


def test_the_request_is_audited_with_ids_only(account):
    # when
    ask("ana@example.com")

    # then
    (event,) = events("password_reset_requested")
    assert event.subject_id == account.subject_id
    assert "ana@example.com" not in str(event.details)


def test_the_link_sets_a_new_password_and_ends_every_session(account):
    # given
    first, _ = signed_in_browser()
    second, _ = signed_in_browser(remote_addr="203.0.113.9")
    assert ClientSession.objects.count() == 2
    ask("ana@example.com")

    # when
    response = choose(reset_link())

    # then
    assert (response.status_code, response.url) == (302, "/account/sign-in/")
    assert ClientSession.objects.count() == 0
    assert first.get("/account/").status_code == 302
    assert second.get("/account/").status_code == 302
    user = User.objects.get()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
    (event,) = events("password_reset")
    assert event.details == {"event": "password_reset", "sessions_ended": 2}
    assert mail.outbox[-1].subject == "Your password was changed"


def test_the_link_moves_out_of_the_address_bar_and_sends_no_referrer(account):
    # given
    ask("ana@example.com")

    link = reset_link()
    browser = Client()

    # when
    moved = browser.get(link)
    page = browser.get(moved.url)

    # then
    assert moved.status_code == 302
    assert moved.url.endswith("/link-in-session/")
    assert moved["Referrer-Policy"] == "no-referrer"
    assert page.status_code == 200
    assert link.split("/")[-2] not in page.content.decode()


def test_attacker_cannot_use_a_reset_link_twice(account):
    # given
    ask("ana@example.com")
    link = reset_link()
    choose(link)

    # when
    second = choose(link, password="yet another horse battery")

    # then
    assert second.status_code == 404
    assert User.objects.get().check_password(NEW_PASSWORD)


def test_a_reset_link_expires_after_an_hour(account, monkeypatch):
    # given
    ask("ana@example.com")
    link = reset_link()
    later = dt.datetime.now() + dt.timedelta(minutes=61)  # noqa: DTZ005
    monkeypatch.setattr(PasswordResetTokens, "_now", lambda self: later)

    # when
    response = choose(link)

    # then
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert User.objects.get().check_password(PASSWORD)


def test_attacker_cannot_forge_a_reset_link(account, other_account):
    # given
    ask("ana@example.com")
    link = reset_link()
    ana_uid = link.split("/")[-3]

    # when
    response = choose(link.replace(ana_uid, uid_encode(other_account)))

    # then
    assert response.status_code == 404
    assert User.objects.get(pk=other_account.pk).check_password(PASSWORD)


def test_attacker_cannot_flood_a_mailbox_or_probe_past_the_limit(account):
    # given
    browser = Client()
    for _ in range(5):
        ask("ana@example.com", browser)
    sent = len(mail.outbox)

    # when
    known = ask("ana@example.com", browser)
    unknown_first = [ask("nobody@example.com", Client()) for _ in range(5)]
    unknown = ask("nobody@example.com")

    # then
    assert sent == 5
    assert len(mail.outbox) == 5
    assert RESET_LOCKED in known.content.decode()
    assert RESET_LOCKED in unknown.content.decode()
    assert {r.status_code for r in unknown_first} == {200}


def test_a_closed_childs_account_gets_no_link(account, staff_factory):
    # given
    account_flag_as_child(user_id=account.pk, staff=staff_factory("flag_child"))

    # when
    response = ask("ana@example.com")

    # then
    assert response.status_code == 200
    assert mail.outbox == []


def test_a_reset_confirms_an_account_awaiting_confirmation():
    """The owner of the address proves it, and the sign-up password is replaced."""
    # given
    Client().post(
        "/account/sign-up/",
        {
            "full_name": "Someone Else",
            "email": "carla@example.com",
            "password1": "attacker horse battery staple",
            "password2": "attacker horse battery staple",
            "date_of_birth": birthday_years_ago(30).isoformat(),
        },
    )
    ask("carla@example.com")

    # when
    choose(reset_link())

    # then
    user = User.objects.get()
    assert user.is_active is True
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password("attacker horse battery staple")
    signed_in = Client().post(
        "/account/sign-in/", {"email": "carla@example.com", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
