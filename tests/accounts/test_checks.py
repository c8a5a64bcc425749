"""Start-up checks of accounts: session engine, argon2id, double opt-in mail."""

from __future__ import annotations

from django.core.checks import Error, Warning, run_checks
from django.test import override_settings

import pytest

from candid.accounts.checks import (
    account_link_message_check,
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


@pytest.mark.django_db
@override_settings(CANDID_ACCOUNTS_SECURITY_MESSAGES=("welcome",))
def test_no_message_for_sign_up_confirmations_and_reset_links_stops_start_up():
    assert account_link_message_check() == [
        Error(
            "The declaration names none of the service messages welcome: sign-up "
            "confirmations and password reset links cannot be e-mailed, so no new "
            "account could ever be used and no forgotten password replaced.",
            hint="Declare a service message such as {key: security_notice, "
            'description: "Tells you about a new sign-in, a password change or a '
            'security incident."}, or set CANDID_ACCOUNTS_SECURITY_MESSAGES.',
            id="candid.E201",
        )
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "policy",
    [
        "cinetrum-studio.yaml",
        "so-captures.yaml",
        "3d-studio-production.yaml",
        "subscription-platform.yaml",
    ],
)
def test_every_seed_declares_a_message_for_account_links(settings, policy):
    # given
    settings.CANDID_POLICY_FILE = base.BASE_DIR / "policies" / policy
    # then
    assert account_link_message_check() == []
