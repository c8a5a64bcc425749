"""Start-up checks of client accounts. Accounts own candid.E200-E219 and W200-W209.

| Id          | Meaning                                                              |
|-------------|----------------------------------------------------------------------|
| candid.E200 | SESSION_ENGINE is not Candid's: signing a session out would not     |
|             | delete it from the store, and child accounts would stay signed in.   |
| candid.W200 | PASSWORD_HASHERS does not start with Argon2PasswordHasher (deploy).  |
| candid.W201 | A purpose asks for double opt-in, but the declaration names no      |
|             | service message to send the confirmation as: opt-ins stay pending.   |
| candid.E201 | The declaration names no service message for account e-mails: new   |
|             | accounts could never be confirmed, nor forgotten passwords reset.   |
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning

from candid.accounts import conf
from candid.accounts.conf import SESSION_ENGINE

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


class Messages:
    SESSION_ENGINE = (
        "SESSION_ENGINE is {engine!r}: signing a session out from the sessions page, "
        "or closing a child's account, would not end its sessions."
    )
    HASHER = (
        "Passwords are hashed with {hasher!r}, not argon2id: a stolen database would "
        "be far cheaper to crack."
    )
    OPT_IN_MESSAGE = (
        "Purpose(s) {purposes} ask for double opt-in, but the declaration names none "
        "of the service messages {keys}: confirmations cannot be e-mailed, so those "
        "opt-ins stay pending and no consent is recorded."
    )
    ACCOUNT_LINKS = (
        "The declaration names none of the service messages {keys}: sign-up "
        "confirmations and password reset links cannot be e-mailed, so no new "
        "account could ever be used and no forgotten password replaced."
    )


class Hints:
    SESSION_ENGINE = f'Set SESSION_ENGINE = "{SESSION_ENGINE}".'
    HASHER = f'Put "{ARGON2}" first in PASSWORD_HASHERS.'
    OPT_IN_MESSAGE = (
        "Declare a service message such as {key: opt_in_confirmation, description: "
        '"Asks you to confirm a subscription you asked for."}, or set '
        "CANDID_ACCOUNTS_OPT_IN_MESSAGES."
    )
    ACCOUNT_LINKS = (
        "Declare a service message such as {key: security_notice, description: "
        '"Tells you about a new sign-in, a password change or a security '
        'incident."}, or set CANDID_ACCOUNTS_SECURITY_MESSAGES.'
    )


def session_engine_check(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Refuse start-up unless sessions are stored where sign-out can delete them."""
    engine = settings.SESSION_ENGINE
    if engine == SESSION_ENGINE:
        return []
    return [
        Error(
            Messages.SESSION_ENGINE.format(engine=engine),
            hint=Hints.SESSION_ENGINE,
            id="candid.E200",
        )
    ]


def password_hasher_check(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn on deployment unless new passwords are hashed with argon2id (SEC-05)."""
    hasher = settings.PASSWORD_HASHERS[0]
    if hasher == ARGON2:
        return []
    return [
        Warning(
            Messages.HASHER.format(hasher=hasher), hint=Hints.HASHER, id="candid.W200"
        )
    ]


def opt_in_message_check(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn when double opt-in is declared but no confirmation can be e-mailed."""
    from candid.datamap.checks import declaration_for_checks

    declaration = declaration_for_checks()
    if isinstance(declaration, Error):
        return []  # candid.E009 reports it.
    purposes = [
        p.key for p in declaration.purposes if p.consent and p.consent.double_opt_in
    ]
    keys = conf.opt_in_message_keys()
    declared = {m.key for m in declaration.communications.service}
    if not purposes or declared.intersection(keys):
        return []
    return [
        Warning(
            Messages.OPT_IN_MESSAGE.format(
                purposes=", ".join(purposes), keys=", ".join(keys)
            ),
            hint=Hints.OPT_IN_MESSAGE,
            id="candid.W201",
        )
    ]


def account_link_message_check(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Refuse start-up when sign-up confirmations and reset links cannot be sent."""
    from candid.datamap.checks import declaration_for_checks

    declaration = declaration_for_checks()
    if isinstance(declaration, Error):
        return []  # candid.E009 reports it.
    keys = conf.security_message_keys()
    declared = {m.key for m in declaration.communications.service}
    if declared.intersection(keys):
        return []
    return [
        Error(
            Messages.ACCOUNT_LINKS.format(keys=", ".join(keys)),
            hint=Hints.ACCOUNT_LINKS,
            id="candid.E201",
        )
    ]
