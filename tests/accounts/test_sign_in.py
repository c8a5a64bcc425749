"""Sign-in: argon2id, one answer for every failure, brute-force lock, keep me logged in."""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.middleware import SessionMiddleware
from django.core import mail
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

import pytest

from candid.accounts.exceptions import SignInRefused
from candid.accounts.models import ClientSession, SignInFailure, StoredSession
from candid.accounts.services.accounts import account_create
from candid.accounts.services.signin import (
    LOCKED,
    WRONG_CREDENTIALS,
    account_sign_in,
)
from candid.settings import base
from tests.accounts.conftest import FIREFOX, PASSWORD, signed_in_browser

pytestmark = pytest.mark.django_db


def attempt(email: str, password: str, *, now=None, ip="198.51.100.7", remember=False):
    request = RequestFactory().post(
        "/account/sign-in/", REMOTE_ADDR=ip, HTTP_USER_AGENT=FIREFOX
    )
    SessionMiddleware(lambda r: None).process_request(request)
    return account_sign_in(
        request=request, raw_email=email, password=password, remember=remember, now=now
    )


def refusal(email: str, password: str, **kwargs) -> str:
    with pytest.raises(SignInRefused) as refused:
        attempt(email, password, **kwargs)
    return str(refused.value)


def test_the_right_password_signs_in_and_lists_the_session(account):
    # when
    browser, response = signed_in_browser(account.email)

    # then
    assert response.status_code == 302
    assert response.url == "/account/"
    listed = ClientSession.objects.get()
    assert (listed.user, listed.device, listed.remembered) == (
        account,
        "Firefox on Linux",
        False,
    )
    assert browser.get("/account/").status_code == 200


def test_attacker_cannot_enumerate_accounts_through_login_errors(account):
    # when
    unknown = Client().post(
        "/account/sign-in/", {"email": "nobody@example.com", "password": PASSWORD}
    )
    wrong = Client().post(
        "/account/sign-in/", {"email": account.email, "password": "not it at all"}
    )

    # then
    assert unknown.status_code == wrong.status_code == 200
    assert (
        unknown.context["form"].errors
        == wrong.context["form"].errors
        == {"__all__": [WRONG_CREDENTIALS]}
    )


def test_an_inactive_account_gets_the_same_answer_as_a_wrong_password(account):
    # given
    account.is_active = False
    account.save(update_fields=["is_active"])

    # then
    assert refusal(account.email, PASSWORD) == WRONG_CREDENTIALS


def test_brute_force_locks_after_five_failures(account):
    # given
    now = timezone.now()
    for minute in range(5):
        refusal(account.email, "guess", now=now + dt.timedelta(minutes=minute))

    # when
    message = refusal(account.email, PASSWORD, now=now + dt.timedelta(minutes=5))

    # then
    assert message == LOCKED
    assert ClientSession.objects.count() == 0


def test_four_failures_do_not_lock(account):
    # given
    now = timezone.now()
    for minute in range(4):
        refusal(account.email, "guess", now=now + dt.timedelta(minutes=minute))

    # when
    user = attempt(account.email, PASSWORD, now=now + dt.timedelta(minutes=4))

    # then
    assert user == account


def test_the_lock_ends_fifteen_minutes_after_the_last_failure(account):
    # given
    now = timezone.now()
    for minute in range(5):
        refusal(account.email, "guess", now=now + dt.timedelta(minutes=minute))

    # when
    still_locked = refusal(account.email, PASSWORD, now=now + dt.timedelta(minutes=18))
    user = attempt(
        account.email, PASSWORD, now=now + dt.timedelta(minutes=19, seconds=1)
    )

    # then
    assert still_locked == LOCKED
    assert user == account


def test_attempts_refused_while_locked_do_not_extend_the_lock(account):
    # given
    now = timezone.now()
    for minute in range(5):
        refusal(account.email, "guess", now=now + dt.timedelta(minutes=minute))

    # when
    for minute in range(5, 19):
        refusal(account.email, "guess", now=now + dt.timedelta(minutes=minute))

    # then
    assert SignInFailure.objects.count() == 5
    assert (
        attempt(account.email, PASSWORD, now=now + dt.timedelta(minutes=20)) == account
    )


def test_attacker_cannot_find_accounts_by_which_addresses_get_locked(account):
    # given
    now = timezone.now()
    for minute in range(5):
        refusal("nobody@example.com", "guess", now=now + dt.timedelta(minutes=minute))

    # then
    assert refusal(
        "nobody@example.com", "guess", now=now + dt.timedelta(minutes=5)
    ) == (LOCKED)


def test_guessing_many_addresses_from_one_network_locks_the_network(account_factory):
    # given
    account_factory("target@example.com")
    now = timezone.now()
    for number in range(20):
        refusal(
            f"guess{number}@example.com",
            "guess",
            now=now + dt.timedelta(seconds=number),
            ip=f"203.0.113.{number + 1}",
        )

    # when
    from_network = refusal(
        "target@example.com",
        PASSWORD,
        now=now + dt.timedelta(minutes=1),
        ip="203.0.113.99",
    )
    elsewhere = attempt(
        "target@example.com",
        PASSWORD,
        now=now + dt.timedelta(minutes=1),
        ip="192.0.2.1",
    )

    # then
    assert from_network == LOCKED
    assert elsewhere.email == "target@example.com"


def test_failed_sign_ins_store_neither_the_address_nor_the_ip_address(account):
    # when
    refusal("Ana@Example.com", "guess", ip="198.51.100.7")

    # then
    failure = SignInFailure.objects.get()
    stored = f"{failure.account_hash} {failure.network_hash}"
    assert "ana" not in stored.lower()
    assert "198.51.100" not in stored
    assert failure.account_hash == account.email_index


def test_a_successful_sign_in_clears_the_failures_of_that_address(account):
    # given
    now = timezone.now()
    for minute in range(4):
        refusal(account.email, "guess", now=now + dt.timedelta(minutes=minute))

    # when
    attempt(account.email, PASSWORD, now=now + dt.timedelta(minutes=4))

    # then
    assert SignInFailure.objects.count() == 0


def test_failures_older_than_the_window_and_lock_are_deleted(account):
    # given
    now = timezone.now()
    refusal(account.email, "guess", now=now - dt.timedelta(minutes=31))

    # when
    refusal("other@example.com", "guess", now=now)

    # then
    assert SignInFailure.objects.get().at == now


def test_without_keep_me_logged_in_the_session_cookie_ends_with_the_browser(account):
    # when
    _, response = signed_in_browser(account.email, remember=False)

    # then
    cookie = response.cookies["sessionid"]
    assert (cookie["expires"], cookie["max-age"]) == ("", "")


def test_keep_me_logged_in_keeps_this_browser_signed_in_for_thirty_days(account):
    """SEC-05, seed 002: the declaration's accounts.keep_me_logged_in (30 days)."""
    # given
    before = timezone.now()

    # when
    _, response = signed_in_browser(account.email, remember=True)

    # then
    cookie = response.cookies["sessionid"]
    assert 30 * 86400 - 60 <= int(cookie["max-age"]) <= 30 * 86400
    listed = ClientSession.objects.get()
    assert listed.remembered is True
    assert listed.expires_at - before == pytest.approx(
        dt.timedelta(days=30), abs=dt.timedelta(seconds=60)
    )
    stored = StoredSession.objects.get()
    assert stored.expire_date == listed.expires_at


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_passwords_are_stored_as_argon2id_hashes():
    # when
    user = account_create(email="ana@example.com", password=PASSWORD)

    # then
    assert user.password.startswith("argon2$argon2id$")
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)


def test_a_sign_in_sends_a_security_notice_to_the_account_holder(account):
    # when
    signed_in_browser(account.email)

    # then
    [notice] = mail.outbox
    assert notice.to == ["ana@example.com"]
    assert notice.subject == "New sign-in to your account"
    assert "from Firefox on Linux" in notice.body
    assert "http://127.0.0.1:8000/account/sessions/" in notice.body


def test_sign_in_returns_to_a_local_next_page_and_never_to_another_site(account):
    # when
    local = Client().post(
        "/account/sign-in/",
        {"email": account.email, "password": PASSWORD, "next": "/account/privacy/"},
    )
    foreign = Client().post(
        "/account/sign-in/",
        {"email": account.email, "password": PASSWORD, "next": "https://evil.example/"},
    )

    # then
    assert (local.url, foreign.url) == ("/account/privacy/", "/account/")


def test_sign_out_deletes_the_session_from_the_store(account):
    # given
    browser, _ = signed_in_browser(account.email)

    # when
    response = browser.post("/account/sign-out/")

    # then
    assert response.status_code == 302
    assert StoredSession.objects.filter(user=account).count() == 0
    assert ClientSession.objects.count() == 0
    assert browser.get("/account/").status_code == 302
