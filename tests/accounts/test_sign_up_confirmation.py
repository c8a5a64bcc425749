"""Sign-up tells nobody whether an address has an account; the owner confirms by e-mail.

Attack names (allauth style): the same page answers a new and a taken address, the
owner of a taken address is e-mailed instead, and a new account works only once
its address is confirmed with the password chosen at sign-up.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.test import Client

import pytest

from candid.accounts.models import SignUpAttempt, SignUpPending, User
from candid.accounts.services.signin import WRONG_CREDENTIALS
from candid.accounts.services.signup import (
    CONFIRMATION_REFUSED,
    SIGN_UP_LOCKED,
    sign_up_request,
    sign_ups_expired_close,
)
from candid.accounts.tokens import SignUpTokens
from candid.audit.models import AuditEvent
from candid.consent.models import ConsentEvent
from candid.mail import conf as mail_conf
from tests.accounts.conftest import PASSWORD, birthday_years_ago

pytestmark = pytest.mark.django_db

CHOSEN = "another horse battery staple"


def form(email: str, password: str = CHOSEN, **extra) -> dict:
    return {
        "full_name": "Eve Visitor",
        "email": email,
        "password1": password,
        "password2": password,
        "date_of_birth": birthday_years_ago(30).isoformat(),
        **extra,
    }


def comparable(response, email: str) -> str:
    """Return the page with the typed address and the CSRF token masked."""
    page = response.content.decode().replace(email, "ADDRESS")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", page)


def confirmation_link() -> str:
    (message,) = [m for m in mail.outbox if m.subject == "Confirm your new account"]
    link = re.search(r"https?://\S+/account/sign-up/confirm/\S+/", message.body)
    return link.group(0).removeprefix(mail_conf.base_url())


def events(name: str) -> list[AuditEvent]:
    return [
        e for e in AuditEvent.objects.order_by("sequence") if e.details["event"] == name
    ]


def test_attacker_cannot_tell_a_taken_address_from_a_new_one(account):
    # when
    taken = Client().post("/account/sign-up/", form("ana@example.com"))
    new = Client().post("/account/sign-up/", form("nobody@example.com"))

    # then
    assert taken.status_code == new.status_code == 200
    assert comparable(taken, "ana@example.com") == comparable(new, "nobody@example.com")
    assert sorted(taken.cookies) == sorted(new.cookies)


def test_the_owner_of_a_taken_address_is_told_by_email_and_nothing_changes(account):
    # given
    before = User.objects.get(pk=account.pk).password

    # when
    Client().post("/account/sign-up/", form("ANA@example.com"))

    # then
    (message,) = mail.outbox
    assert message.to == ["ana@example.com"]
    assert message.subject == "Someone tried to open an account with your address"
    assert "nothing was changed and no new account was opened" in message.body
    assert "/account/password/reset/" in message.body
    assert User.objects.count() == 1
    assert User.objects.get(pk=account.pk).password == before
    (event,) = events("sign_up_attempted")
    assert event.subject_id == account.subject_id


def test_a_new_address_gets_an_inactive_account_and_a_confirmation_link():
    # when
    Client().post("/account/sign-up/", form("carla@example.com"))

    # then
    user = User.objects.get()
    assert user.is_active is False
    assert SignUpPending.objects.get().user == user
    (message,) = mail.outbox
    assert message.to == ["carla@example.com"]
    assert "/account/sign-up/confirm/" in message.body


def test_an_unconfirmed_account_cannot_sign_in():
    # given
    Client().post("/account/sign-up/", form("carla@example.com"))

    # when
    response = Client().post(
        "/account/sign-in/", {"email": "carla@example.com", "password": CHOSEN}
    )

    # then
    assert response.status_code == 200
    assert WRONG_CREDENTIALS in response.content.decode()


def test_the_link_and_the_chosen_password_confirm_and_sign_in_this_browser_only():
    # given
    Client().post("/account/sign-up/", form("carla@example.com"))
    browser = Client()

    # when
    asked = browser.get(confirmation_link(), follow=True)
    confirmed = browser.post(asked.redirect_chain[-1][0], {"password": CHOSEN})

    # then
    assert asked.status_code == 200
    assert asked.redirect_chain[-1][0].endswith("/link-in-session/")
    assert (confirmed.status_code, confirmed.url) == (302, "/account/")
    assert confirmed.cookies["sessionid"]["max-age"] == ""
    assert User.objects.get().is_active is True
    assert SignUpPending.objects.count() == 0
    assert len(events("sign_up_confirmed")) == 1
    assert browser.get("/account/").status_code == 200


def test_attacker_cannot_lure_the_owner_into_an_account_the_attacker_opened():
    """The owner opening the link cannot confirm without the attacker's password."""
    # given
    Client().post("/account/sign-up/", form("carla@example.com"))
    owner = Client()
    url = owner.get(confirmation_link(), follow=True).redirect_chain[-1][0]

    # when
    response = owner.post(url, {"password": PASSWORD})

    # then
    assert response.status_code == 200
    assert CONFIRMATION_REFUSED.replace('"', "&quot;") in response.content.decode()
    assert User.objects.get().is_active is False
    assert owner.get("/account/").status_code == 302


def test_a_forged_confirmation_link_is_refused():
    # given
    Client().post("/account/sign-up/", form("carla@example.com"))
    link = confirmation_link()
    forged = re.sub(r"/[^/]+/$", "/abc-0123456789abcdef0123/", link)

    # when
    response = Client().get(forged, follow=True)

    # then
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert User.objects.get().is_active is False


def test_an_expired_confirmation_link_is_refused(monkeypatch):
    # given
    Client().post("/account/sign-up/", form("carla@example.com"))
    link = confirmation_link()
    later = dt.datetime.now() + dt.timedelta(days=3, minutes=1)  # noqa: DTZ005
    monkeypatch.setattr(SignUpTokens, "_now", lambda self: later)

    # when
    response = Client().get(link, follow=True)

    # then
    assert response.status_code == 404
    assert User.objects.get().is_active is False


def test_the_ticked_marketing_box_counts_only_once_the_address_is_confirmed(
    django_capture_on_commit_callbacks,
):
    # given
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/account/sign-up/", form("carla@example.com", marketing="on"))
    assert ConsentEvent.objects.count() == 0
    assert SignUpPending.objects.get().marketing_opt_in is True
    browser = Client()
    url = browser.get(confirmation_link(), follow=True).redirect_chain[-1][0]

    # when
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(url, {"password": CHOSEN})

    # then
    assert [m.subject for m in mail.outbox][-1] == "Please confirm your e-mail choice"


def test_an_account_nobody_confirmed_is_closed_and_its_address_freed():
    # given
    then = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    sign_up_request(
        full_name="Eve Visitor",
        email="carla@example.com",
        password=CHOSEN,
        date_of_birth=birthday_years_ago(30),
        marketing_opt_in=False,
        now=then,
    )

    # when
    closed = sign_ups_expired_close(now=then + dt.timedelta(days=3, seconds=1))
    again = sign_ups_expired_close(now=then + dt.timedelta(days=4))

    # then
    assert (closed, again) == (1, 0)
    user = User.objects.get()
    assert (user.email, user.email_index, user.full_name) == (None, None, None)
    assert user.has_usable_password() is False
    assert len(events("sign_up_expired")) == 1
    Client().post("/account/sign-up/", form("carla@example.com"))
    assert User.objects.filter(is_active=False).count() == 2
    assert mail.outbox[-1].subject == "Confirm your new account"


def test_attacker_cannot_flood_a_mailbox_through_sign_up(account):
    # given
    browser = Client()
    for _ in range(5):
        browser.post("/account/sign-up/", form("ana@example.com"))
    sent = len(mail.outbox)

    # when
    taken = browser.post("/account/sign-up/", form("ana@example.com"))
    new = [
        Client().post("/account/sign-up/", form("carla@example.com")) for _ in range(6)
    ]

    # then
    assert sent == 5
    assert len(mail.outbox) == 10  # carla: a confirmation, then four warnings
    assert SIGN_UP_LOCKED in taken.content.decode()
    assert SIGN_UP_LOCKED in new[-1].content.decode()
    assert all(SIGN_UP_LOCKED not in r.content.decode() for r in new[:-1])


def test_an_under_age_sign_up_is_not_counted_so_nothing_of_it_is_kept():
    """KID-01: only the day's counter; no hash of the address either."""
    # when
    Client().post(
        "/account/sign-up/",
        form("kid@example.com", date_of_birth=birthday_years_ago(12).isoformat()),
    )

    # then
    assert SignUpAttempt.objects.count() == 0
