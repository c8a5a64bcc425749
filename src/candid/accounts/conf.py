"""Settings of client accounts, read when asked, never at import time.

| Setting                                | Meaning                                         |
|----------------------------------------|-------------------------------------------------|
| CANDID_ACCOUNTS_INDEX_KEY              | Key of the e-mail blind index and of hashed     |
|                                        | sign-in attempts; empty: SECRET_KEY. Changing   |
|                                        | it makes every account unfindable by e-mail,    |
|                                        | so production sets its own and never rotates it.|
| CANDID_ACCOUNTS_LOCKOUT_FAILURES       | Failed sign-ins per account in the window (5).  |
| CANDID_ACCOUNTS_LOCKOUT_NETWORK_FAILURES | Failed sign-ins per network prefix (20).      |
| CANDID_ACCOUNTS_LOCKOUT_WINDOW         | Seconds the failures are counted over (900).    |
| CANDID_ACCOUNTS_LOCKOUT_SECONDS        | Seconds a lock lasts after the last failure (900). |
| CANDID_ACCOUNTS_SESSION_TOUCH_SECONDS  | How often "last seen" of a session is written (300). |
| CANDID_ACCOUNTS_SECURITY_MESSAGES      | Declared service message keys, first match wins, |
|                                        | used for security notices.                      |
| CANDID_ACCOUNTS_OPT_IN_MESSAGES        | The same, for double opt-in confirmations.      |
| CANDID_ACCOUNTS_PASSWORD_RESET_SECONDS | How long a reset link works (3600).             |
| CANDID_ACCOUNTS_SIGN_UP_LINK_SECONDS   | How long a sign-up confirmation link works      |
|                                        | (259200, 3 days).                               |

Reset requests are limited like sign-in: per address and per network, with the
lockout numbers above. Links never outlive Django's PASSWORD_RESET_TIMEOUT.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

SESSION_ENGINE = "candid.accounts.sessions"
DEFAULT_SECURITY_MESSAGES = ("security_notice", "account_notice")


def index_key() -> str:
    """Return the key of the e-mail blind index and the hashed sign-in attempts."""
    return getattr(settings, "CANDID_ACCOUNTS_INDEX_KEY", "") or settings.SECRET_KEY


def lockout_failures() -> int:
    """Return how many failed sign-ins to one account lock it."""
    return int(getattr(settings, "CANDID_ACCOUNTS_LOCKOUT_FAILURES", 5))


def lockout_network_failures() -> int:
    """Return how many failed sign-ins from one network prefix lock it.

    Higher than per account: an office or a mobile carrier puts many people behind
    one address, and one guesser must not lock them all out.
    """
    return int(getattr(settings, "CANDID_ACCOUNTS_LOCKOUT_NETWORK_FAILURES", 20))


def lockout_window() -> dt.timedelta:
    """Return the period over which failed sign-ins are counted."""
    return dt.timedelta(
        seconds=int(getattr(settings, "CANDID_ACCOUNTS_LOCKOUT_WINDOW", 900))
    )


def lockout_duration() -> dt.timedelta:
    """Return how long a lock lasts after the failure that set it."""
    return dt.timedelta(
        seconds=int(getattr(settings, "CANDID_ACCOUNTS_LOCKOUT_SECONDS", 900))
    )


def session_touch_interval() -> dt.timedelta:
    """Return how stale "last seen" may get before a request writes it again."""
    return dt.timedelta(
        seconds=int(getattr(settings, "CANDID_ACCOUNTS_SESSION_TOUCH_SECONDS", 300))
    )


def security_message_keys() -> tuple[str, ...]:
    """Return the service message keys a security notice may be sent as, in order."""
    return tuple(
        getattr(
            settings, "CANDID_ACCOUNTS_SECURITY_MESSAGES", DEFAULT_SECURITY_MESSAGES
        )
    )


DEFAULT_OPT_IN_MESSAGES = ("opt_in_confirmation", "account_notice")


def opt_in_message_keys() -> tuple[str, ...]:
    """Return the service message keys a double opt-in confirmation may be sent as."""
    return tuple(
        getattr(settings, "CANDID_ACCOUNTS_OPT_IN_MESSAGES", DEFAULT_OPT_IN_MESSAGES)
    )


def password_reset_lifetime() -> dt.timedelta:
    """Return how long an e-mailed password reset link works."""
    return dt.timedelta(
        seconds=int(getattr(settings, "CANDID_ACCOUNTS_PASSWORD_RESET_SECONDS", 3600))
    )


def sign_up_link_lifetime() -> dt.timedelta:
    """Return how long an e-mailed sign-up confirmation link works."""
    return dt.timedelta(
        seconds=int(getattr(settings, "CANDID_ACCOUNTS_SIGN_UP_LINK_SECONDS", 259200))
    )
