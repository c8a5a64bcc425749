"""Accounts in a real browser: sign up, and "keep me logged in" as the cookie shows it."""

from __future__ import annotations

import re
import time

from django.core import mail

import pytest

from candid.accounts.models import ClientSession, User
from candid.mail import conf as mail_conf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ana@example.com"
PASSWORD = "correct horse battery staple"
DAY = 86400


def dismiss_cookie_banner(page) -> None:
    banner = page.locator("#cookie-banner")
    if banner.count() and banner.is_visible():
        banner.get_by_role("button", name="Reject all").click()
        page.wait_for_load_state("networkidle")


def session_cookie(visitor) -> dict:
    [cookie] = [c for c in visitor.context.cookies() if c["name"] == "sessionid"]
    return cookie


def sign_up(visitor) -> None:
    page = visitor.visit("/account/sign-up/")
    dismiss_cookie_banner(page)
    page.get_by_label("Full name").fill("Ana Lima")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("Date of birth").fill("1990-05-01")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    visitor.visit(emailed_link("Confirm your new account"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm account").click()
    page.wait_for_url("**/account/")


def emailed_link(subject: str) -> str:
    """Return the path of the link in the last e-mail with this subject."""
    [message] = [m for m in mail.outbox if m.subject == subject][-1:]
    url = re.search(r"https?://\S+/account/\S+/", message.body).group(0)
    return url.removeprefix(mail_conf.base_url())


def sign_out(visitor) -> None:
    visitor.page.get_by_role("button", name="Sign out").first.click()
    visitor.page.wait_for_url("**/")


def sign_in(visitor, *, remember: bool) -> None:
    page = visitor.visit("/account/sign-in/")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    if remember:
        page.get_by_label("Keep me logged in").check()
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/")


def test_sign_up_opens_the_account_with_a_session_that_ends_with_the_browser(visitor):
    # when
    sign_up(visitor)

    # then
    assert User.objects.get().email == EMAIL
    assert session_cookie(visitor)["expires"] == -1
    assert visitor.third_party_requests == []


def test_keep_me_logged_in_unticked_gives_a_cookie_that_ends_with_the_browser(visitor):
    # given
    sign_up(visitor)
    sign_out(visitor)

    # when
    sign_in(visitor, remember=False)

    # then
    assert session_cookie(visitor)["expires"] == -1
    assert ClientSession.objects.get().remembered is False


def test_keep_me_logged_in_ticked_keeps_this_browser_for_thirty_days(visitor):
    # given
    sign_up(visitor)
    sign_out(visitor)

    # when
    sign_in(visitor, remember=True)

    # then
    expires = session_cookie(visitor)["expires"]
    assert 30 * DAY - 120 < expires - time.time() <= 30 * DAY
    assert ClientSession.objects.get().remembered is True


def test_keep_me_logged_in_applies_to_that_browser_only(visitor_factory):
    # given
    first, second = visitor_factory(), visitor_factory()
    sign_up(first)
    sign_out(first)
    sign_in(first, remember=True)

    # when
    sign_in(second, remember=False)

    # then
    assert session_cookie(first)["expires"] > 0
    assert session_cookie(second)["expires"] == -1
    page = second.visit("/account/sessions/")
    assert page.locator("tbody tr").count() == 2
    assert page.locator("td", has_text="Until the browser closes").count() == 1


def test_a_forgotten_password_is_replaced_through_the_emailed_link(visitor):
    # given
    sign_up(visitor)
    sign_out(visitor)
    page = visitor.visit("/account/sign-in/")

    # when
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_role("button", name="Send the link").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    visitor.visit(emailed_link("Reset your password"))
    page.get_by_label("New password", exact=True).fill("a brand new horse battery")
    page.get_by_label("New password confirmation").fill("a brand new horse battery")
    page.get_by_role("button", name="Save new password").click()
    page.wait_for_url("**/account/sign-in/")

    # then
    assert "every session was signed out" in page.content()
    assert User.objects.get().check_password("a brand new horse battery")
