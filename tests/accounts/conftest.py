"""Accounts, staff with and without roles, and signed-in browsers for the accounts tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.test import Client
from django.utils import timezone

import pytest

from candid.accounts.models import User
from candid.consent.purposes import gate_reset
from candid.notices import selectors
from candid.policy import load_declaration

POLICIES = Path(__file__).resolve().parents[2] / "policies"
PASSWORD = "correct horse battery staple"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


_DECLARATIONS: dict[tuple[str, float], object] = {}


@pytest.fixture(autouse=True)
def _declaration_parsed_once(monkeypatch):
    """Parse each policy file once per test run, not on every page.

    While no version is published, `declaration_active()` reads the configured file
    on every call (about a second each); the accounts tests only switch files.
    """

    def load(path):
        key = (str(path), Path(path).stat().st_mtime)
        if key not in _DECLARATIONS:
            _DECLARATIONS[key] = load_declaration(path)
        return _DECLARATIONS[key]

    monkeypatch.setattr(selectors, "load_declaration", load)


@pytest.fixture(autouse=True)
def _fresh_gate():
    gate_reset()
    yield
    gate_reset()


@pytest.fixture
def studio_3d(settings):
    """Run under seed 002's declaration: 3D Studio Production, minimum age 18."""
    settings.CANDID_POLICY_FILE = POLICIES / "3d-studio-production.yaml"


@pytest.fixture
def account(account_factory) -> User:
    return account_factory()


@pytest.fixture
def other_account(account_factory) -> User:
    return account_factory("bruno@example.com", full_name="Bruno Costa")


def signed_in_browser(
    email: str = "ana@example.com",
    *,
    remember: bool = False,
    user_agent: str = FIREFOX,
    remote_addr: str = "198.51.100.7",
) -> tuple[Client, object]:
    """Return a browser signed in through the sign-in page, and the response."""
    browser = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=remote_addr)
    data = {"email": email, "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    response = browser.post("/account/sign-in/", data)
    return browser, response


@pytest.fixture
def signed_in(account):
    browser, _ = signed_in_browser(account.email)
    return browser


def birthday_years_ago(years: int, *, today: dt.date | None = None) -> dt.date:
    """Return the date of birth of someone who turns `years` today."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)
