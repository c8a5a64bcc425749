"""Start-up checks of accounts: session engine, argon2id, double opt-in mail."""

from __future__ import annotations

from django.core.checks import Error, Warning, run_checks
from django.test import override_settings

import pytest

from candid.accounts.checks import (
    opt_in_message_check,
    password_hasher_check,
    session_engine_check,
)
from candid.settings import base


def test_the_configured_project_passes_the_accounts_checks(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    assert session_engine_check() == []
    assert password_hasher_check() == []


@pytest.mark.django_db
@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
def test_another_session_engine_stops_start_up():
    messages = sorted(run_checks(tags=["accounts"]), key=lambda message: message.id)
    assert messages == [
        Error(
            "SESSION_ENGINE is 'django.contrib.sessions.backends.signed_cookies': "
            "signing a session out from the sessions page, or closing a child's "
            "account, would not end its sessions.",
            hint='Set SESSION_ENGINE = "candid.accounts.sessions".',
            id="candid.E200",
        ),
        *opt_in_message_check(),
    ]


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_a_weak_password_hasher_is_reported_on_deployment():
    assert password_hasher_check() == [
        Warning(
            "Passwords are hashed with 'django.contrib.auth.hashers.MD5PasswordHasher', "
            "not argon2id: a stolen database would be far cheaper to crack.",
            hint='Put "django.contrib.auth.hashers.Argon2PasswordHasher" first in '
            "PASSWORD_HASHERS.",
            id="candid.W200",
        )
    ]


@pytest.mark.django_db
@override_settings(CANDID_ACCOUNTS_OPT_IN_MESSAGES=("welcome_confirmation",))
def test_double_opt_in_without_a_confirmation_message_is_reported():
    """Cinetrum declares double opt-in; none of the configured messages is declared."""
    assert opt_in_message_check() == [
        Warning(
            "Purpose(s) marketing_email ask for double opt-in, but the declaration "
            "names none of the service messages welcome_confirmation: "
            "confirmations cannot be e-mailed, so those opt-ins stay pending and no "
            "consent is recorded.",
            hint="Declare a service message such as {key: opt_in_confirmation, "
            'description: "Asks you to confirm a subscription you asked for."}, or set '
            "CANDID_ACCOUNTS_OPT_IN_MESSAGES.",
            id="candid.W201",
        )
    ]


@pytest.mark.django_db
def test_cinetrum_confirms_double_opt_in_with_its_opt_in_confirmation_message():
    assert opt_in_message_check() == []


@pytest.mark.django_db
def test_seed_002_confirms_double_opt_in_with_its_account_notice(studio_3d):
    assert opt_in_message_check() == []
